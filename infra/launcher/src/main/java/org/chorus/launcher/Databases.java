package org.chorus.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** Creates databases by name on any PostgreSQL endpoint, embedded or not. */
public final class Databases {

    /** Lower-case identifiers only, so the name can go into CREATE DATABASE unquoted and safely. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private Databases() {
    }

    /** Creates the database unless it exists. Safe to call from several threads or processes at once. */
    public static void createIfMissing(PostgresEndpoint endpoint, String database) {
        if (!NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection connection = DriverManager.getConnection(
                endpoint.jdbcUrl("postgres"), endpoint.user(), endpoint.password())) {
            if (exists(connection, database)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            } catch (SQLException e) {
                // Someone else created it between our check and our CREATE.
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new StartupException("Could not create database " + database + " on "
                    + endpoint.host() + ":" + endpoint.port() + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
