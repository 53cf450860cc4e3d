package org.chorus.platform.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Jobs on the clock, one at a time across every instance of a service: a job runs only while it holds a PostgreSQL
 * advisory lock named after the service and the job, on a connection of its own for as long as it runs; an instance
 * that finds the lock taken skips that round. The lock goes when the job ends, or when its instance dies with its
 * connection. (Advisory locks of two keys never meet those of one key, which the services take in transactions.)
 */
public final class OneAtATime {

    /** The first key of every job's lock: "CHJB". */
    private static final int JOBS = 0x43484a42;

    private final DataSource dataSource;
    private final String service;

    public OneAtATime(DataSource dataSource, String service) {
        this.dataSource = dataSource;
        this.service = service;
    }

    /**
     * Runs {@code work} unless another instance of this service is running the job {@code job} just now.
     *
     * @return whether it ran
     */
    public boolean run(String job, Runnable work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!lock(connection, "SELECT pg_try_advisory_lock(?, hashtext(?))", job)) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                giveBack(connection, job);
            }
        } catch (SQLException failure) {
            throw new DataAccessResourceFailureException("Could not take or give back the lock of job " + job, failure);
        }
    }

    /** Gives the lock back; a connection that cannot is closed for good (not returned to the pool), which ends its locks. */
    private void giveBack(Connection connection, String job) throws SQLException {
        try {
            if (lock(connection, "SELECT pg_advisory_unlock(?, hashtext(?))", job)) {
                return;
            }
        } catch (SQLException broken) {
            // Aborted below.
        }
        connection.abort(Runnable::run);
    }

    private boolean lock(Connection connection, String sql, String job) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, JOBS);
            statement.setString(2, service + "/" + job);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
