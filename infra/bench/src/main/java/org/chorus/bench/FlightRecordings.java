package org.chorus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JDK Flight Recordings of platform processes for one phase of the benchmark, started and stopped with
 * {@code jcmd} (so no process needs special options, and start-up and warm-up stay out of the recording).
 * Summarise them with {@code java infra/bench/JfrSummary.java <dir>/*.jfr}.
 */
final class FlightRecordings implements AutoCloseable {

    private static final String NAME = "chorus-bench";

    private final Path directory;
    private final Map<String, ProcessHandle> processes = new LinkedHashMap<>();

    private FlightRecordings(Path directory) {
        this.directory = directory;
    }

    /** Starts recording (JFR's {@code profile} settings) in each platform process running one of {@code jars}. */
    static FlightRecordings start(Path directory, List<String> jars) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        FlightRecordings recordings = new FlightRecordings(directory);
        for (String jar : jars) {
            ProcessHandle process = CpuMeter.platformProcess(jar)
                    .orElseThrow(() -> new IllegalStateException("No running process has " + jar));
            jcmd(process, "JFR.start", "name=" + NAME, "settings=profile");
            recordings.processes.put(jar.replace(".jar", ""), process);
        }
        return recordings;
    }

    /** Stops every recording and writes it to {@code <directory>/<jar name>.jfr}. */
    @Override
    public void close() throws IOException, InterruptedException {
        for (Map.Entry<String, ProcessHandle> entry : processes.entrySet()) {
            Path file = directory.resolve(entry.getKey() + ".jfr").toAbsolutePath();
            jcmd(entry.getValue(), "JFR.stop", "name=" + NAME, "filename=" + file);
            GatewayBench.log("flight recording of %s: %s", entry.getKey(), file);
        }
    }

    private static void jcmd(ProcessHandle process, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(process.pid()));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
    }
}
