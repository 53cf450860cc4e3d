package org.chorus.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A child process the launcher started, with its output in a log file. Stopping it stops its
 * descendants too: {@code kc.sh} keeps a shell parent above the Keycloak JVM.
 */
public final class ManagedProcess {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path logFile;

    private ManagedProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static ManagedProcess start(String name, List<String> command, Map<String, String> environment,
                                       Path workingDirectory, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            return new ManagedProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new StartupException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process the launcher started (for Keycloak, the {@code kc.sh} shell). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /**
     * The process that does the work: the deepest live {@code java} below the started process,
     * else the started process itself.
     */
    public ProcessHandle workerHandle() {
        return process.toHandle().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .reduce((first, second) -> second)
                .orElse(process.toHandle());
    }

    public List<String> tail(int lines) {
        return Processes.tail(logFile, lines);
    }

    public void stop() {
        Processes.stop(process.toHandle(), STOP_GRACE);
    }

    /** Kills it and its descendants without warning, as a crash would ({@link Processes#kill}). */
    public void kill() {
        Processes.kill(process.toHandle());
    }
}
