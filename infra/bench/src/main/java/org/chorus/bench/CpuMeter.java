package org.chorus.bench;

import java.time.Duration;
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

    private final Map<String, Duration> start;

    private CpuMeter() {
        this.start = read();
    }

    /** Starts measuring now. */
    static CpuMeter start() {
        return new CpuMeter();
    }

    /** CPU microseconds per request in each process since {@link #start()}, as one line of text. */
    String perRequest(long requests) {
        Map<String, Duration> end = read();
        StringBuilder line = new StringBuilder("CPU per request:");
        for (Map.Entry<String, Duration> entry : end.entrySet()) {
            Duration used = entry.getValue().minus(start.getOrDefault(entry.getKey(), Duration.ZERO));
            line.append(String.format(Locale.ROOT, " %s %.0f µs,", entry.getKey(), used.toNanos() / 1e3 / Math.max(1, requests)));
        }
        line.setLength(line.length() - 1);
        return line.toString();
    }

    private static Map<String, Duration> read() {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        cpu.put("bench", cpuOf(ProcessHandle.current()));
        ProcessHandle.current().descendants().filter(p -> !isPostgres(p))
                .forEach(p -> cpu.merge(nameOf(p), cpuOf(p), Duration::plus));
        Optional<String> user = ProcessHandle.current().info().user();
        cpu.put("postgres", ProcessHandle.allProcesses()
                .filter(p -> isPostgres(p) && p.info().user().equals(user))
                .map(CpuMeter::cpuOf)
                .reduce(Duration.ZERO, Duration::plus));
        return cpu;
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

    private static Duration cpuOf(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
