package org.chorus.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * How to start the platform.
 *
 * @param projectRoot       the checkout: jars and the realm file are found from here
 * @param stateDirectory    {@code .chorus/}: the unpacked Keycloak, PostgreSQL data, PID files
 * @param logDirectory      where each process writes {@code <name>.log}
 * @param ports             every port the platform listens on
 * @param externalPostgres  a PostgreSQL to use instead of starting one (e.g. from Testcontainers)
 * @param externalKeycloak  a Keycloak to use instead of starting one; it must have the Chorus realm
 * @param keepData          keep PostgreSQL's data in {@code .chorus/postgres} between runs, else a temporary folder
 * @param recordPids        write {@code .chorus/pids/*.pid} so that {@code ./chorus down} can stop what was started
 * @param startTimeout      how long each part may take to become ready
 * @param progress          where progress lines go
 * @param instances         how many instances of each service and of the gateway to run (1, or more to try what a
 *                          rolling restart does); the first of each has the ports in {@code ports}, the others free ones
 */
public record PlatformConfig(
        Path projectRoot,
        Path stateDirectory,
        Path logDirectory,
        Ports ports,
        Optional<PostgresEndpoint> externalPostgres,
        Optional<KeycloakEndpoint> externalKeycloak,
        boolean keepData,
        boolean recordPids,
        Duration startTimeout,
        PrintStream progress,
        int instances) {

    public PlatformConfig {
        if (instances < 1) {
            throw new IllegalArgumentException("Each part needs at least one instance, not " + instances);
        }
    }

    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(5);

    /** What {@code ./chorus up} runs: its usual ports (moved by {@code portOffset}), data kept, PIDs recorded, logs in {@code .chorus/logs}. */
    public static PlatformConfig forUp(Path projectRoot, int portOffset) {
        Path state = ProjectRoot.stateDirectory(projectRoot);
        return new PlatformConfig(projectRoot, state, state.resolve("logs"), Ports.fixed(portOffset), Optional.empty(),
                Optional.empty(), true, true, DEFAULT_START_TIMEOUT, System.out, 1);
    }

    /**
     * What tests run: free ports, a temporary database folder, no PID files, and logs in a
     * folder of their own under {@code .chorus/test-logs/}, so tests can run while {@code ./chorus up} does.
     */
    public static PlatformConfig forTests(Path projectRoot) {
        Path state = ProjectRoot.stateDirectory(projectRoot);
        String run = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + ProcessHandle.current().pid();
        return new PlatformConfig(projectRoot, state, state.resolve("test-logs").resolve(run), Ports.free(),
                Optional.empty(), Optional.empty(), false, false, DEFAULT_START_TIMEOUT, System.out, 1);
    }

    public PlatformConfig withExternalPostgres(PostgresEndpoint postgres) {
        return new PlatformConfig(projectRoot, stateDirectory, logDirectory, ports, Optional.of(postgres),
                externalKeycloak, keepData, recordPids, startTimeout, progress, instances);
    }

    public PlatformConfig withExternalKeycloak(KeycloakEndpoint keycloak) {
        return new PlatformConfig(projectRoot, stateDirectory, logDirectory, ports, externalPostgres,
                Optional.of(keycloak), keepData, recordPids, startTimeout, progress, instances);
    }

    public PlatformConfig withPorts(Ports newPorts) {
        return new PlatformConfig(projectRoot, stateDirectory, logDirectory, newPorts, externalPostgres,
                externalKeycloak, keepData, recordPids, startTimeout, progress, instances);
    }

    public PlatformConfig withProgress(PrintStream newProgress) {
        return new PlatformConfig(projectRoot, stateDirectory, logDirectory, ports, externalPostgres,
                externalKeycloak, keepData, recordPids, startTimeout, newProgress, instances);
    }

    public PlatformConfig withStartTimeout(Duration timeout) {
        return new PlatformConfig(projectRoot, stateDirectory, logDirectory, ports, externalPostgres,
                externalKeycloak, keepData, recordPids, timeout, progress, instances);
    }

    public PlatformConfig withInstances(int count) {
        return new PlatformConfig(projectRoot, stateDirectory, logDirectory, ports, externalPostgres,
                externalKeycloak, keepData, recordPids, startTimeout, progress, count);
    }

    public Path pidDirectory() {
        return stateDirectory.resolve("pids");
    }

    public Path postgresDataDirectory() {
        return stateDirectory.resolve("postgres");
    }
}
