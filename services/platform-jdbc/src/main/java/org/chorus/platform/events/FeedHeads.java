package org.chorus.platform.events;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where each commission's event feed in this service has got ({@code network.feed_head}), so that a service reading
 * the feeds asks once which commissions moved ({@link FeedHeadsGrpcService}) instead of asking every commission's feed.
 *
 * <p>A head moves only once the transaction that added the events has committed (so it is never ahead of what a
 * reader can see), off the request's thread: the heads that moved are gathered and written together a moment later
 * ({@link #FLUSH_EVERY_MILLIS}), so a change pays no extra round trip. A head can be behind for that moment, or for
 * good if the process dies in it; readers therefore also read every feed now and then ({@code MovedFeeds}).
 */
public final class FeedHeads implements AutoCloseable {

    /** How long a moved head may wait before it is written. */
    static final long FLUSH_EVERY_MILLIS = 200;

    private static final Logger log = LoggerFactory.getLogger(FeedHeads.class);

    /** One commission's head: its last sequence, and when that was written by the database's clock. */
    public record Head(String commissionId, long lastSequence, Instant changeTime) {
    }

    private final JdbcClient jdbc;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread thread = new Thread(work, "feed-heads");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean failing;

    /** @param jdbc the application's, on the service's own database (where the network schema is) */
    public FeedHeads(JdbcClient jdbc) {
        this.jdbc = jdbc;
        writer.scheduleWithFixedDelay(this::flushQuietly, FLUSH_EVERY_MILLIS, FLUSH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Notes that {@code commissionId}'s feed got to {@code sequence} in the transaction open on this thread: its head
     * moves if that transaction commits (the outermost one, when the commission's work joined another), never if not.
     */
    void added(String commissionId, long sequence) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("An event is added only inside a commission's transaction");
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    pending.merge(commissionId, sequence, Math::max);
                }
            }
        });
    }

    /** Writes the heads that moved since the last write (the writer thread does this every moment; tests call it). */
    public void flush() {
        Map<String, Long> moved = new HashMap<>();
        for (String commission : pending.keySet()) {
            Long sequence = pending.remove(commission);
            if (sequence != null) {
                moved.put(commission, sequence);
            }
        }
        if (moved.isEmpty()) {
            return;
        }
        try {
            for (Map.Entry<String, Long> head : moved.entrySet()) {
                jdbc.sql("""
                                INSERT INTO network.feed_head (commission_id, last_sequence, change_time) VALUES (:commission, :sequence, clock_timestamp())
                                ON CONFLICT (commission_id) DO UPDATE SET last_sequence = excluded.last_sequence, change_time = excluded.change_time
                                WHERE feed_head.last_sequence < excluded.last_sequence""")
                        .param("commission", head.getKey()).param("sequence", head.getValue()).update();
            }
        } catch (RuntimeException failure) {
            // Kept for the next moment; a reader meanwhile finds the news at its sweep at worst.
            moved.forEach((commission, sequence) -> pending.merge(commission, sequence, Math::max));
            throw failure;
        }
    }

    private void flushQuietly() {
        try {
            flush();
            if (failing) {
                failing = false;
                log.info("Writing the event feeds' heads works again");
            }
        } catch (RuntimeException failure) {
            if (!failing) {
                failing = true;
                log.warn("Could not write the event feeds' heads; trying again every moment: {}", failure.getMessage());
            }
        }
    }

    /** The heads moved at or after {@code since} (every head when empty), oldest change first. */
    public List<Head> changedSince(Optional<Instant> since) {
        return jdbc.sql("""
                        SELECT commission_id, last_sequence, change_time FROM network.feed_head
                        WHERE change_time >= :since ORDER BY change_time, commission_id""")
                .param("since", Timestamp.from(since.orElse(Instant.EPOCH)))
                .query((rs, n) -> new Head(rs.getString("commission_id"), rs.getLong("last_sequence"),
                        rs.getTimestamp("change_time").toInstant()))
                .list();
    }

    /** Writes what is left, then stops the writer. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
            flush();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException failure) {
            log.warn("Could not write the event feeds' last heads before stopping: {}", failure.getMessage());
        }
    }
}
