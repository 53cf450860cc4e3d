package org.chorus.testrig;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import org.chorus.launcher.Databases;
import org.chorus.launcher.LocalPostgres;
import org.chorus.launcher.Ports;
import org.chorus.launcher.PostgresEndpoint;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL 17 for the whole test JVM, started on first use and stopped when the JVM
 * exits: a Testcontainers container where a Docker engine answers, else the launcher's
 * {@link LocalPostgres} in a temporary folder on a free port. Tests do not care which.
 */
public final class RealPostgres {

    static final String IMAGE = "postgres:17-alpine";

    private static RealPostgres instance;
    private static int starts;

    private final PostgresEndpoint endpoint;
    private final boolean dockerBacked;
    /** The local server, or null in a container. */
    private final LocalPostgres local;

    private RealPostgres(PostgresEndpoint endpoint, boolean dockerBacked, LocalPostgres local) {
        this.endpoint = endpoint;
        this.dockerBacked = dockerBacked;
        this.local = local;
    }

    public static synchronized RealPostgres get() {
        if (instance == null) {
            instance = Docker.available() ? startContainer() : startLocal();
            starts++;
        }
        return instance;
    }

    /** How many times this JVM started a server: 1 after first use, whatever the number of tests. */
    static synchronized int starts() {
        return starts;
    }

    private static RealPostgres startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
        container.start();
        RealServers.stopAtExit(container::stop);
        return new RealPostgres(new PostgresEndpoint(container.getHost(),
                container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT), container.getUsername(),
                container.getPassword()), true, null);
    }

    private static RealPostgres startLocal() {
        LocalPostgres local = LocalPostgres.startTemporary(Ports.freePort());
        RealServers.stopAtExit(local);
        return new RealPostgres(local.endpoint(), false, local);
    }

    /**
     * Restarts the server (a fast shutdown, then a start on the same port and data), for fault tests; returns once it
     * accepts connections. Only the local server: a container started again gets another port on the host, which
     * every client was given, so tests skip this where {@link #dockerBacked()}.
     *
     * @throws UnsupportedOperationException in a container
     */
    public void restart() {
        if (local == null) {
            throw new UnsupportedOperationException("A PostgreSQL container would come back on another port; restart the local server only");
        }
        local.restart();
    }

    /** The JDBC URL of a database, created first if missing. */
    public String jdbcUrl(String database) {
        Databases.createIfMissing(endpoint, database);
        return endpoint.jdbcUrl(database);
    }

    /** A connection as the server's owner, for tests that must look past the application's privileges. */
    public DataSource ownerDataSource(String database) {
        return new SimpleDriverDataSource(new org.postgresql.Driver(), jdbcUrl(database), username(), password());
    }

    public String username() {
        return endpoint.user();
    }

    public String password() {
        return endpoint.password();
    }

    public String host() {
        return endpoint.host();
    }

    public int port() {
        return endpoint.port();
    }

    public boolean dockerBacked() {
        return dockerBacked;
    }

    /** For the launcher's {@code PlatformConfig.withExternalPostgres}. */
    public PostgresEndpoint endpoint() {
        return endpoint;
    }
}
