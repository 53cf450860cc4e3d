package org.chorus.bench;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU time the processes of a run use during one phase, so each phase can say what a request cost in each
 * process: this benchmark (the load generator), each Chorus process by its jar ({@code gateway}, {@code payments}…),
 * Keycloak, anything else this JVM started ({@code other}), and PostgreSQL: every process of the user's that runs a
 * {@code postgres} binary (the server detaches from whoever starts it; on this machine it is the platform's). Read from
 * the operating system (on Linux, {@code /proc/<pid>/stat}) through {@link ProcessHandle}; a process that ended during
 * the phase (a connection closed) is not counted.
 * <p>
 * With the CPU each process used, it gives how long its threads waited for a CPU, ready to run while every core ran
 * something else (on Linux, the second number of each thread's {@code /proc/<pid>/task/<tid>/schedstat}; a thread
 * that ended during the phase is not counted): on a machine whose cores are all shared, that wait is a request's
 * latency too, spent in no process's code.
 */
final class CpuMeter {

    private static final Pattern CHORUS_JAR = Pattern.compile("chorus-([a-z-]+)\\.jar$");

    /** A process of the platform, found among this JVM's descendants by the jar it runs. */
    static Optional<ProcessHandle> platformProcess(String jarName) {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> arguments(p).stream().anyMatch(a -> a.endsWith(jarName)))
                .findFirst();
    }

    /**
     * What a process had used when read: CPU time, and the nanoseconds each of its live threads had waited for a CPU
     * (empty where the system does not say).
     */
    private record Usage(Duration cpu, Map<String, Long> waitedByThread) {

        static final Usage NONE = new Usage(Duration.ZERO, Map.of());

        Usage plus(Usage other) {
            Map<String, Long> waited = new HashMap<>(waitedByThread);
            waited.putAll(other.waitedByThread);
            return new Usage(cpu.plus(other.cpu), waited);
        }

        Duration cpuSince(Usage before) {
            return cpu.minus(before.cpu);
        }

        /**
         * How long the threads live now waited for a CPU since {@code before} (all of it for a thread started since):
         * a thread that ended in between is not counted, as its count ended with it.
         */
        long waitedNanosSince(Usage before) {
            long waited = 0;
            for (Map.Entry<String, Long> thread : waitedByThread.entrySet()) {
                waited += thread.getValue() - before.waitedByThread.getOrDefault(thread.getKey(), 0L);
            }
            return waited;
        }
    }

    private static final Path PRESSURE = Path.of("/proc/pressure/cpu");

    private final Map<String, Usage> start;
    private final long startNanos = System.nanoTime();
    private final long startPressureMicros = pressureMicros();

    private CpuMeter() {
        this.start = read();
    }

    /** Starts measuring now. */
    static CpuMeter start() {
        return new CpuMeter();
    }

    /**
     * CPU microseconds per request in each process since {@link #start()}, and the microseconds per request its
     * threads waited for a CPU, as one line of text.
     */
    String perRequest(long requests) {
        Map<String, Usage> end = read();
        StringBuilder cpu = new StringBuilder("CPU per request:");
        StringBuilder waited = new StringBuilder("; waited for a CPU per request:");
        double each = Math.max(1, requests);
        for (Map.Entry<String, Usage> entry : end.entrySet()) {
            Usage before = start.getOrDefault(entry.getKey(), Usage.NONE);
            cpu.append(String.format(Locale.ROOT, " %s %.0f µs,", entry.getKey(), entry.getValue().cpuSince(before).toNanos() / 1e3 / each));
            waited.append(String.format(Locale.ROOT, " %s %.0f µs,", entry.getKey(), entry.getValue().waitedNanosSince(before) / 1e3 / each));
        }
        cpu.setLength(cpu.length() - 1);
        waited.setLength(waited.length() - 1);
        long pressure = pressureMicros();
        if (pressure >= 0 && startPressureMicros >= 0) {
            waited.append(String.format(Locale.ROOT, "; some thread waited for a CPU %.0f%% of the time",
                    100.0 * (pressure - startPressureMicros) * 1e3 / (System.nanoTime() - startNanos)));
        }
        return cpu.append(waited).toString();
    }

    /**
     * The microseconds in which at least one thread of the machine was ready to run and waited for a CPU (Linux's
     * pressure stall information, {@code some … total=}); -1 where the system does not say.
     */
    private static long pressureMicros() {
        try {
            String some = Files.readAllLines(PRESSURE).getFirst();
            return Long.parseLong(some.substring(some.indexOf("total=") + "total=".length()).trim());
        } catch (IOException | RuntimeException notSaid) {
            return -1;
        }
    }

    private static Map<String, Usage> read() {
        Map<String, Usage> used = new LinkedHashMap<>();
        used.put("bench", usageOf(ProcessHandle.current()));
        ProcessHandle.current().descendants().filter(p -> !isPostgres(p))
                .forEach(p -> used.merge(nameOf(p), usageOf(p), Usage::plus));
        Optional<String> user = ProcessHandle.current().info().user();
        used.put("postgres", ProcessHandle.allProcesses()
                .filter(p -> isPostgres(p) && p.info().user().equals(user))
                .map(CpuMeter::usageOf)
                .reduce(Usage.NONE, Usage::plus));
        return used;
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().filter(c -> c.endsWith("/postgres")).isPresent();
    }

    /** The Chorus process's name from its jar, {@code keycloak} or {@code other}. */
    private static String nameOf(ProcessHandle process) {
        List<String> arguments = arguments(process);
        for (String argument : arguments) {
            Matcher jar = CHORUS_JAR.matcher(argument);
            if (jar.find()) {
                return jar.group(1);
            }
        }
        if (arguments.stream().anyMatch(a -> a.contains("keycloak"))) {
            return "keycloak";
        }
        return "other";
    }

    private static List<String> arguments(ProcessHandle process) {
        return process.info().arguments().map(List::of).orElse(List.of());
    }

    private static Usage usageOf(ProcessHandle process) {
        return new Usage(process.info().totalCpuDuration().orElse(Duration.ZERO), waitedByThread(process.pid()));
    }

    /**
     * Each live thread's nanoseconds waiting for a CPU, by process and thread id, from {@code /proc}; empty off Linux
     * or once the process has ended.
     */
    private static Map<String, Long> waitedByThread(long pid) {
        Map<String, Long> waited = new HashMap<>();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads) {
                try {
                    String[] schedstat = Files.readString(thread.resolve("schedstat")).trim().split(" ");
                    waited.put(pid + "/" + thread.getFileName(), Long.parseLong(schedstat[1]));
                } catch (IOException | RuntimeException ended) {
                    // The thread ended since the directory was read (or the system keeps no such count).
                }
            }
        } catch (IOException | DirectoryIteratorException gone) {
            return Map.of();
        }
        return waited;
    }
}
