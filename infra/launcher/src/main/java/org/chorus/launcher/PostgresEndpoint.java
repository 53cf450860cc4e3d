package org.chorus.launcher;

/** Where a PostgreSQL server answers, and the superuser-like account the platform uses on it. */
public record PostgresEndpoint(String host, int port, String user, String password) {

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
