package org.chorus.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Which process listens on a TCP port, so that a busy port can be named with what holds it: on Linux from
 * {@code /proc} (the listening socket's inode, then the process with that socket open), elsewhere from {@code lsof}
 * where it is installed. Empty when neither can tell (another user's process, no lsof).
 */
final class PortHolder {

    private static final String LISTEN = "0A";

    private PortHolder() {
    }

    /** "pid 1234 (java -jar …)", or empty. */
    static Optional<String> of(int port) {
        return fromProc(port).or(() -> fromLsof(port)).map(PortHolder::describe);
    }

    private static String describe(long pid) {
        String command = ProcessHandle.of(pid).flatMap(handle -> handle.info().commandLine()).orElse("");
        return "pid " + pid + (command.isEmpty() ? "" : " (" + (command.length() > 120 ? command.substring(0, 120) + "…" : command) + ")");
    }

    private static Optional<Long> fromProc(int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try (Stream<String> lines = Files.lines(Path.of(table))) {
                Optional<String> inode = lines.skip(1).map(String::trim).map(line -> line.split("\\s+"))
                        .filter(fields -> fields.length > 9 && fields[1].endsWith(hexPort) && fields[3].equals(LISTEN))
                        .map(fields -> fields[9]).filter(node -> !node.equals("0")).findFirst();
                if (inode.isPresent()) {
                    return processWithSocket("socket:[" + inode.get() + "]");
                }
            } catch (IOException | RuntimeException notLinux) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> processWithSocket(String socket) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(dir -> holds(dir.resolve("fd"), socket))
                    .map(dir -> Long.parseLong(dir.getFileName().toString())).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean holds(Path fds, String socket) {
        try (Stream<Path> open = Files.list(fds)) {
            return open.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals(socket);
                } catch (IOException | UnsupportedOperationException gone) {
                    return false;
                }
            });
        } catch (IOException notOurs) {
            return false;
        }
    }

    private static Optional<Long> fromLsof(int port) {
        try {
            Process lsof = new ProcessBuilder("lsof", "-nP", "-t", "-iTCP:" + port, "-sTCP:LISTEN").redirectErrorStream(true).start();
            String output = new String(lsof.getInputStream().readAllBytes()).trim();
            if (!lsof.waitFor(5, TimeUnit.SECONDS) || output.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(output.lines().findFirst().orElseThrow().trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
