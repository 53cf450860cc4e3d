package org.chorus.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keycloak as a local process: the server distribution from Maven Central, in development mode,
 * with the Chorus realm imported and its data in PostgreSQL.
 *
 * <p>PostgreSQL is used everywhere (never the dev-file database) because the database kind is a
 * build-time option: changing it makes Keycloak rebuild itself (~40 s). The first start builds
 * once; {@link #BUILD_MARKER} records that, and until it exists starts are serialised with a file
 * lock so that two processes never rebuild the same folder at once. Each instance keeps its
 * transaction log in its own folder, so a test JVM and {@code ./chorus up} can share one
 * unpacked distribution.
 */
public final class LocalKeycloak implements AutoCloseable {

    public static final String DATABASE = "keycloak";
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    static final String BUILD_MARKER = ".chorus-built-for-postgres";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final ManagedProcess process;
    private final KeycloakEndpoint endpoint;
    private final int managementPort;
    private final Path runDirectory;

    private LocalKeycloak(ManagedProcess process, KeycloakEndpoint endpoint, int managementPort, Path runDirectory) {
        this.process = process;
        this.endpoint = endpoint;
        this.managementPort = managementPort;
        this.runDirectory = runDirectory;
    }

    /** Starts Keycloak and waits until the realm answers; throws {@link StartupException} with the log's tail if not. */
    public static LocalKeycloak start(Path projectRoot, Path stateDirectory, int httpPort, int managementPort,
                                      PostgresEndpoint database, Path logFile) {
        LocalKeycloak keycloak = launch(projectRoot, stateDirectory, httpPort, managementPort, database, logFile);
        keycloak.awaitReady(START_TIMEOUT);
        return keycloak;
    }

    /** Starts Keycloak without waiting; call {@link #awaitReady(Duration)}. */
    public static LocalKeycloak launch(Path projectRoot, Path stateDirectory, int httpPort, int managementPort,
                                       PostgresEndpoint database, Path logFile) {
        Path home = KeycloakDistribution.unpacked(stateDirectory);
        copyRealm(projectRoot, home);
        Databases.createIfMissing(database, DATABASE);
        Path runDirectory = stateDirectory.resolve("keycloak-run").resolve(Integer.toString(httpPort));
        String baseUrl = "http://127.0.0.1:" + httpPort;

        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                // The issuer must not depend on how a client spells the host.
                "--hostname=" + baseUrl,
                "--import-realm",
                "--db=postgres",
                "--db-url=" + database.jdbcUrl(DATABASE),
                "--db-username=" + database.user(),
                "--db-password=" + database.password(),
                "--health-enabled=true"));
        Map<String, String> environment = Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                // kc.sh picks java from JAVA_HOME: use the launcher's own (21+).
                "JAVA_HOME", System.getProperty("java.home"),
                "JAVA_OPTS_APPEND", "-Dquarkus.transaction-manager.object-store.directory="
                        + runDirectory.resolve("transaction-logs"));

        Optional<FileLock> buildLock = Files.exists(home.resolve(BUILD_MARKER)) ? Optional.empty() : lockForBuild(stateDirectory);
        try {
            Files.createDirectories(runDirectory);
            ManagedProcess process = ManagedProcess.start("keycloak", command, environment, home, logFile);
            LocalKeycloak keycloak = new LocalKeycloak(process, new KeycloakEndpoint(baseUrl), managementPort, runDirectory);
            if (buildLock.isPresent()) {
                // The first start rebuilds the folder: hold the lock until that is done.
                try {
                    keycloak.awaitReady(START_TIMEOUT);
                    Files.writeString(home.resolve(BUILD_MARKER), "db=postgres health-enabled=true\n");
                } catch (RuntimeException e) {
                    keycloak.close();
                    throw e;
                }
            }
            return keycloak;
        } catch (IOException e) {
            throw new StartupException("Could not prepare Keycloak's folders: " + e.getMessage(), e);
        } finally {
            buildLock.ifPresent(LocalKeycloak::release);
        }
    }

    public void awaitReady(Duration timeout) {
        try {
            HttpProbe.awaitOk("keycloak", endpoint.wellKnownUri(), timeout, process::isAlive);
        } catch (StartupException e) {
            throw new StartupException(e.getMessage() + "\n  last lines of " + process.logFile() + ":\n"
                    + String.join("\n", process.tail(40)), e);
        }
    }

    public boolean isReady() {
        return HttpProbe.isOk(endpoint.wellKnownUri());
    }

    public KeycloakEndpoint endpoint() {
        return endpoint;
    }

    public String baseUrl() {
        return endpoint.baseUrl();
    }

    public int managementPort() {
        return managementPort;
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop();
        try {
            Directories.deleteRecursively(runDirectory);
        } catch (IOException e) {
            // a leftover transaction-log folder is harmless
        }
    }

    private static void copyRealm(Path projectRoot, Path home) {
        Path realm = ProjectRoot.realmFile(projectRoot);
        Path importDirectory = home.resolve("data/import");
        try {
            Files.createDirectories(importDirectory);
            // Written beside the target and moved, so that a Keycloak starting at the same time
            // never reads half a file.
            Path temporary = Files.createTempFile(importDirectory.getParent(), "chorus-realm-", ".json");
            Files.writeString(temporary, Files.readString(realm, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            Files.move(temporary, importDirectory.resolve("chorus-realm.json"),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StartupException("Could not copy the realm " + realm + " into Keycloak: " + e.getMessage(), e);
        }
    }

    private static Optional<FileLock> lockForBuild(Path stateDirectory) {
        try {
            FileChannel channel = FileChannel.open(stateDirectory.resolve("keycloak-build.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return Optional.of(channel.lock());
        } catch (IOException e) {
            throw new StartupException("Could not lock Keycloak's folder for its first build: " + e.getMessage(), e);
        }
    }

    private static void release(FileLock lock) {
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        }
    }
}
