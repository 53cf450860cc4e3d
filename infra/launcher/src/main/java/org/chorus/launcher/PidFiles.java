package org.chorus.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code .chorus/pids/<name>.pid}: one line per process, {@code <pid> <marker>}. The marker is a
 * piece of the process's command line (its jar, its port, its data folder), checked before any
 * signal is sent, so that a PID the system has since given to another program is never killed.
 */
public final class PidFiles {

    /** A recorded process. */
    public record Entry(long pid, String marker) {

        /** True when the PID is alive and still runs the command it was recorded for. */
        public boolean isOurs() {
            return Processes.commandLine(pid).map(line -> line.contains(marker)).orElse(false);
        }
    }

    private final Path directory;

    public PidFiles(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    public void record(String name, long pid, String marker) {
        if (marker.contains("\n")) {
            throw new IllegalArgumentException("A marker is one line");
        }
        try {
            Files.createDirectories(directory);
            Files.writeString(file(name), pid + " " + marker + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write " + file(name) + ": " + e.getMessage(), e);
        }
    }

    public List<Entry> read(String name) {
        Path file = file(name);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<Entry> entries = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    entries.add(new Entry(Long.parseLong(line.substring(0, space)), line.substring(space + 1)));
                }
            }
            return entries;
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
    }

    /** Names with a PID file. */
    public List<String> names() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".pid"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public boolean anyAlive(String name) {
        return read(name).stream().anyMatch(Entry::isOurs);
    }

    /** Stops every recorded process of {@code name} that is still ours (TERM, wait, KILL) and removes the file. */
    public void stop(String name, Duration grace) {
        for (Entry entry : read(name)) {
            if (entry.isOurs()) {
                ProcessHandle.of(entry.pid()).ifPresent(handle -> Processes.stop(handle, grace));
            }
        }
        remove(name);
    }

    public void remove(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            // a stale PID file is checked against the command line before use
        }
    }

    public Optional<Path> existing(String name) {
        return Files.exists(file(name)) ? Optional.of(file(name)) : Optional.empty();
    }

    private Path file(String name) {
        return directory.resolve(name + ".pid");
    }
}
