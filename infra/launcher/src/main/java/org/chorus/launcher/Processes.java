package org.chorus.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Stopping processes by handle, and reading the tail of a log. */
public final class Processes {

    private Processes() {
    }

    /**
     * Sends TERM to the process and all its descendants, waits up to {@code grace} for them to
     * exit, then KILLs whatever is left. Descendants are collected first because a parent that
     * exits early orphans its children.
     */
    public static void stop(ProcessHandle process, Duration grace) {
        List<ProcessHandle> all = withDescendants(process);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : all) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    // still alive: killed below
                }
            }
        }
        killAll(all);
    }

    /**
     * Sends KILL to the process and all its descendants, as a crash would: on Linux that is
     * SIGKILL, so no shutdown hook runs, nothing drains, and open connections and transactions are cut
     * off. Waits up to 5 s for each to exit.
     */
    public static void kill(ProcessHandle process) {
        killAll(withDescendants(process));
    }

    /** The process and its descendants, collected before anything is stopped. */
    private static List<ProcessHandle> withDescendants(ProcessHandle process) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process);
        process.descendants().forEach(all::add);
        return all;
    }

    private static void killAll(List<ProcessHandle> all) {
        for (ProcessHandle handle : all) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
                try {
                    handle.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // reported by the caller's check of isAlive()
                }
            }
        }
    }

    /**
     * Sends TERM to the process only, so that it can stop its own children in order; after
     * {@code grace}, KILLs it and whatever of its descendants is left.
     */
    public static void stopParentFirst(ProcessHandle process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // still alive: killed below
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        for (ProcessHandle handle : descendants) {
            if (handle.isAlive()) {
                stop(handle, Duration.ofSeconds(5));
            }
        }
    }

    /** The command line of a live process, if the operating system tells. */
    public static Optional<String> commandLine(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return Optional.empty();
        }
        Optional<String> fromInfo = handle.get().info().commandLine();
        if (fromInfo.isPresent()) {
            return fromInfo;
        }
        // info() gives nothing for some processes (another user's); /proc still does on Linux.
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            return Optional.of(Files.readString(cmdline, StandardCharsets.UTF_8).replace('\0', ' ').trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The last {@code lines} lines of a text file, or nothing if it does not exist. */
    public static List<String> tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return List.of();
        }
        Deque<String> last = new ArrayDeque<>(lines);
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.lines().forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return List.of("(could not read " + file + ": " + e.getMessage() + ")");
        }
        return List.copyOf(last);
    }
}
