package org.chorus.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * PostgreSQL 17 as a local process (zonky's embedded binaries), for {@code ./chorus up} and for
 * tests on machines without Docker. Authentication is {@code trust} on the loopback interface,
 * so any password is accepted; the platform still passes one so that the same settings work
 * against a real server.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private volatile EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean temporary;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory, boolean temporary) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
    }

    /** Starts on the port with data kept in {@code dataDirectory} between runs. */
    public static LocalPostgres startKeepingData(int port, Path dataDirectory) {
        return start(port, dataDirectory, false);
    }

    /** Starts on the port with a fresh data directory that is deleted on {@link #close()}. */
    public static LocalPostgres startTemporary(int port) {
        try {
            return start(port, Files.createTempDirectory("chorus-postgres-"), true);
        } catch (IOException e) {
            throw new StartupException("Could not create a temporary directory for PostgreSQL", e);
        }
    }

    private static LocalPostgres start(int port, Path dataDirectory, boolean temporary) {
        return new LocalPostgres(launch(port, dataDirectory), dataDirectory, temporary);
    }

    /** Runs the server on the data directory, making it first (initdb) only when it holds none. */
    private static EmbeddedPostgres launch(int port, Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            return EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    // Keep the data between runs; a temporary directory is removed by close().
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException e) {
            throw new StartupException("PostgreSQL did not start on port " + port + " with data in "
                    + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    public PostgresEndpoint endpoint() {
        return new PostgresEndpoint("127.0.0.1", postgres.getPort(), USER, PASSWORD);
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return endpoint().jdbcUrl(database);
    }

    public void createDatabaseIfMissing(String database) {
        Databases.createIfMissing(endpoint(), database);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The postmaster's process id, from {@code postmaster.pid} in the data directory. */
    public OptionalLong pid() {
        return postmasterPid(dataDirectory);
    }

    public static OptionalLong postmasterPid(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Restarts the server the way an operator would: a fast shutdown (open sessions are ended and their
     * transactions rolled back; what was committed stays), then a start on the same port and data directory,
     * returning once it accepts connections. For fault tests: clients see their connections cut and must reconnect.
     */
    public synchronized void restart() {
        int port = postgres.getPort();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        }
        postgres = launch(port, dataDirectory);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        } finally {
            if (temporary) {
                deleteRecursively(dataDirectory);
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
