package org.chorus.gateway.ratelimit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts shared by every gateway instance, in PostgreSQL (the database the platform already runs; no
 * extra server). Each count is one row per key and window; an instance takes a block of
 * {@code blockSize} consecutive places in it with one atomic
 * {@code INSERT … ON CONFLICT DO UPDATE SET count = count + blockSize RETURNING count}, then hands them
 * out to its requests from memory. Places are unique across instances, so however many instances
 * there are and however unevenly the load balancer spreads callers, no more than the limit are let
 * through in a window; at most {@code blockSize} per instance and key go unused when a window ends.
 * One round trip per {@code blockSize} requests per key, on the calling thread.
 *
 * <p>If PostgreSQL cannot be reached, counting falls back to this instance's memory (each local request
 * counting as many as there are instances, so each allows its share), is logged, and returns to
 * PostgreSQL on the next block: a rate limit protects the services, so it keeps working rather than
 * refusing everyone.
 */
public final class PostgresRateLimitStore implements RateLimitStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresRateLimitStore.class);

    /** Places this instance holds for one key in one window: the next to hand out, and the last. */
    private static final class Block {
        final long window;
        long next;
        long last;

        Block(long window) {
            this.window = window;
        }
    }

    private final DataSource database;
    private final int blockSize;
    private final InMemoryRateLimitStore fallback = new InMemoryRateLimitStore();
    /** While PostgreSQL is away, a local count times this stands for the shared count. */
    private final long instances;
    private final Map<String, Block> blocks = new ConcurrentHashMap<>();
    private volatile long sweptWindow = Long.MIN_VALUE;
    private volatile long lastWarning;

    /**
     * @param blockSize how many places an instance takes at once
     * @param instances how many gateway instances there are, for the fallback's share
     */
    public PostgresRateLimitStore(DataSource database, int blockSize, int instances) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("chorus.gateway.rate-limits.block-size must be at least 1");
        }
        this.database = database;
        this.blockSize = blockSize;
        this.instances = instances;
        try (Connection connection = database.getConnection(); Statement create = connection.createStatement()) {
            // Unlogged: counts of the last minute are not worth a write-ahead log, and are rebuilt by use.
            create.execute("""
                    CREATE UNLOGGED TABLE IF NOT EXISTS gateway_rate_window (
                        key    text   NOT NULL,
                        window_number bigint NOT NULL,
                        count  bigint NOT NULL,
                        PRIMARY KEY (key, window_number))""");
        } catch (SQLException unreachable) {
            warn(unreachable);
        }
    }

    @Override
    public boolean sharedAcrossInstances() {
        return true;
    }

    @Override
    public long incrementAndGet(String key, long window, Duration length) {
        if (window != sweptWindow) {
            sweptWindow = window;
            blocks.values().removeIf(block -> block.window < window);
            forgetWindowsBefore(window - 1);
        }
        Block block = blocks.compute(key, (k, held) -> held == null || held.window != window ? new Block(window) : held);
        synchronized (block) {
            if (block.next == 0 || block.next > block.last) {
                try {
                    block.last = reserve(key, window);
                    block.next = block.last - blockSize + 1;
                } catch (SQLException unreachable) {
                    warn(unreachable);
                    block.next = 0;
                    return fallback.incrementAndGet(key, window, length) * instances;
                }
            }
            return block.next++;
        }
    }

    private long reserve(String key, long window) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement take = connection.prepareStatement("""
                     INSERT INTO gateway_rate_window (key, window_number, count) VALUES (?, ?, ?)
                     ON CONFLICT (key, window_number) DO UPDATE SET count = gateway_rate_window.count + EXCLUDED.count
                     RETURNING count""")) {
            take.setString(1, key);
            take.setLong(2, window);
            take.setLong(3, blockSize);
            try (ResultSet taken = take.executeQuery()) {
                taken.next();
                return taken.getLong(1);
            }
        }
    }

    private void forgetWindowsBefore(long window) {
        try (Connection connection = database.getConnection();
             PreparedStatement forget = connection.prepareStatement("DELETE FROM gateway_rate_window WHERE window_number < ?")) {
            forget.setLong(1, window);
            forget.executeUpdate();
        } catch (SQLException unreachable) {
            warn(unreachable);
        }
    }

    private void warn(SQLException unreachable) {
        long now = System.currentTimeMillis();
        if (now - lastWarning > 60_000) {
            lastWarning = now;
            log.warn("Shared rate-limit counts are unavailable; counting in this instance until they are back: {}",
                    unreachable.getMessage());
        }
    }

    @Override
    public void close() throws Exception {
        if (database instanceof AutoCloseable pool) {
            pool.close();
        }
    }
}
