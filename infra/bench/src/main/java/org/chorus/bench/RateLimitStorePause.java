package org.chorus.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.chorus.launcher.PostgresEndpoint;

/**
 * Stops the PostgreSQL backends serving one database (SIGSTOP) from {@code after} for {@code length}, then lets
 * them go on (SIGCONT): the database stops answering its clients, as under a long lock, a stall or a failover,
 * while the other databases of the same server go on. Backends that start during the pause are stopped too.
 */
final class RateLimitStorePause implements AutoCloseable {

    private final Set<Long> stopped = new LinkedHashSet<>();
    private final Thread worker;

    private RateLimitStorePause(PostgresEndpoint postgres, String database, Duration after, Duration length) {
        worker = Thread.ofPlatform().daemon().name("rate-limit-store-pause").start(() -> run(postgres, database, after, length));
    }

    static RateLimitStorePause after(PostgresEndpoint postgres, String database, Duration after, Duration length) {
        return new RateLimitStorePause(postgres, database, after, length);
    }

    synchronized int stopped() {
        return stopped.size();
    }

    private void run(PostgresEndpoint postgres, String database, Duration after, Duration length) {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
             PreparedStatement backends = connection.prepareStatement(
                     "SELECT pid FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            backends.setString(1, database);
            Thread.sleep(after.toMillis());
            long end = System.nanoTime() + length.toNanos();
            while (System.nanoTime() < end) {
                try (ResultSet pids = backends.executeQuery()) {
                    while (pids.next()) {
                        long pid = pids.getLong(1);
                        boolean added;
                        synchronized (this) {
                            added = stopped.add(pid);
                        }
                        if (added) {
                            signal("-STOP", pid);
                        }
                    }
                }
                Thread.sleep(20);
            }
        } catch (SQLException | InterruptedException e) {
            GatewayBench.log("pausing the %s database failed: %s", database, e);
        } finally {
            resume();
        }
    }

    private synchronized void resume() {
        stopped.forEach(pid -> signal("-CONT", pid));
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            GatewayBench.log("kill %s %d failed: %s", signal, pid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the pause to end; the backends run again either way. */
    @Override
    public void close() throws InterruptedException {
        worker.join(TimeUnit.MINUTES.toMillis(1));
        resume();
    }
}
