package org.chorus.launcher;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Spring Boot process of the platform (a service or the gateway), started from its jar with
 * small-machine JVM settings, ready when {@code /actuator/health/readiness} answers 200.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * Small-footprint settings: the platform runs six JVMs on a laptop, so by default only the quick
     * JIT compiler runs ({@code TieredStopAtLevel=1}: faster start, less memory, slower at full load).
     * {@code CHORUS_FULL_JIT=true} keeps the optimising compiler, for measurements. Native access is
     * granted so Netty's native transport loads without a warning that would break the JSON log lines.
     * {@code CHORUS_JVM_OPTIONS_<NAME>} adds options to one process (see {@link #jvmOptions}).
     */
    static final List<String> JVM_OPTIONS = "true".equalsIgnoreCase(System.getenv("CHORUS_FULL_JIT"))
            ? List.of("-Xss512k", "-XX:+UseSerialGC", "-Xmx256m", "--enable-native-access=ALL-UNNAMED")
            : List.of("-Xss512k", "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "--enable-native-access=ALL-UNNAMED");

    private final String name;
    private final int httpPort;
    private final ManagedProcess process;

    private ServiceProcess(String name, int httpPort, ManagedProcess process) {
        this.name = name;
        this.httpPort = httpPort;
        this.process = process;
    }

    /** The jar a module's build produces: {@code services/<name>/target/chorus-<name>.jar}, or the gateway's. */
    public static Path jarOf(Path projectRoot, String name) {
        return switch (name) {
            case "gateway", "console" -> projectRoot.resolve(name).resolve("target/chorus-" + name + ".jar");
            default -> projectRoot.resolve("services").resolve(name).resolve("target/chorus-" + name + ".jar");
        };
    }

    /**
     * Starts the jar with the given Spring properties (each {@code --key=value}), with its start-up cache
     * ({@link AotCache}: trained first, when there is none for this build yet); does not wait for it to be ready.
     */
    public static ServiceProcess launch(String name, Path jar, int httpPort, List<String> arguments,
                                        Path workingDirectory, Path logFile, PrintStream out) {
        if (!Files.isRegularFile(jar)) {
            throw new StartupException(name + ": " + jar + " is missing. Build it first: ./mvnw -DskipTests install");
        }
        List<String> java = new ArrayList<>();
        java.add(currentJava());
        java.addAll(jvmOptions(name, System.getenv()));
        List<String> command = new ArrayList<>(java);
        command.addAll(AotCache.jarArguments(name, jar, java, arguments, workingDirectory, logFile.getParent(), out));
        command.addAll(arguments);
        return new ServiceProcess(name, httpPort,
                ManagedProcess.start(name, command, Map.of(), workingDirectory, logFile));
    }

    /**
     * {@link #JVM_OPTIONS}, and then any from {@code CHORUS_JVM_OPTIONS_<NAME>} (the process's name in capitals, a dash
     * as an underscore; options apart by spaces), for measurements such as
     * {@code CHORUS_JVM_OPTIONS_GATEWAY=-Xlog:gc:file=/tmp/gateway-gc.log:uptime}. An option that chooses a collector
     * ({@code -XX:+Use…GC}) replaces the serial one, as the JVM refuses two.
     */
    static List<String> jvmOptions(String name, Map<String, String> environment) {
        String added = environment.getOrDefault("CHORUS_JVM_OPTIONS_" + name.toUpperCase(Locale.ROOT).replace('-', '_'), "").strip();
        List<String> extra = added.isEmpty() ? List.of() : List.of(added.split("\\s+"));
        boolean collectorChosen = extra.stream().anyMatch(option -> option.matches("-XX:\\+Use\\w+GC"));
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        if (collectorChosen) {
            options.remove("-XX:+UseSerialGC");
        }
        options.addAll(extra);
        return options;
    }

    /** The java executable running this launcher, so every process uses the same JDK. */
    static String currentJava() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public String readinessUrl() {
        return "http://127.0.0.1:" + httpPort + contextPath(name) + "/actuator/health/readiness";
    }

    /** The console serves everything under {@code /console}, as the gateway shows it; the others at the root. */
    static String contextPath(String name) {
        return "console".equals(name) ? "/console" : "";
    }

    public void awaitReady(Duration timeout) {
        try {
            HttpProbe.awaitOk(name, readinessUrl(), timeout, process::isAlive);
        } catch (StartupException e) {
            throw new StartupException(e.getMessage() + "\n  last lines of " + process.logFile() + ":\n"
                    + String.join("\n", process.tail(40)), e);
        }
    }

    public boolean isReady() {
        return HttpProbe.isOk(readinessUrl());
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop();
    }

    /** Kills it without warning (SIGKILL on Linux), as a crash would. */
    public void kill() {
        process.kill();
    }
}
