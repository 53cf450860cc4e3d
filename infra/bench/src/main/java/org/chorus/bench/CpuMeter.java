package org.chorus.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The CPU time the processes of a run use during one phase, so each phase can say what a request cost
 * in each process: this benchmark (the load generator), the gateway, the commissions service and the
 * rest (PostgreSQL, Keycloak, the other services). Read from the operating system (on Linux,
 * {@code /proc/<pid>/stat}) through {@link ProcessHandle}.
 */
final class CpuMeter {

    /** A process of the platform, found among this JVM's descendants by the jar it runs. */
    static Optional<ProcessHandle> platformProcess(String jarName) {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).stream().anyMatch(a -> a.endsWith(jarName)))
                .findFirst();
    }

    private final ProcessHandle gateway;
    private final ProcessHandle commissions;
    private final Map<String, Duration> start;

    private CpuMeter(ProcessHandle gateway, ProcessHandle commissions) {
        this.gateway = gateway;
        this.commissions = commissions;
        this.start = read();
    }

    /** Starts measuring now. */
    static CpuMeter start() {
        return new CpuMeter(platformProcess("chorus-gateway.jar").orElse(null),
                platformProcess("chorus-commissions.jar").orElse(null));
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

    private Map<String, Duration> read() {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        cpu.put("bench", cpuOf(ProcessHandle.current()));
        cpu.put("gateway", gateway == null ? Duration.ZERO : cpuOf(gateway));
        cpu.put("commissions", commissions == null ? Duration.ZERO : cpuOf(commissions));
        Duration rest = ProcessHandle.current().descendants()
                .filter(p -> !p.equals(gateway) && !p.equals(commissions))
                .map(CpuMeter::cpuOf)
                .reduce(Duration.ZERO, Duration::plus);
        cpu.put("rest", rest);
        return cpu;
    }

    private static Duration cpuOf(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
