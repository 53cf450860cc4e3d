package org.chorus.gateway.ratelimit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.chorus.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Counts shared by every gateway instance, in PostgreSQL (the database the platform already runs; no
 * extra server). Each count is one row per key and window; an instance takes a block of
 * {@code blockSize} consecutive places in it with one atomic
 * {@code INSERT … ON CONFLICT DO UPDATE SET count = count + blockSize RETURNING count}, then hands them
 * out to its requests from memory. Places are unique across instances, so however many instances
 * there are and however unevenly the load balancer spreads callers, no more than the limit are let
 * through in a window; at most twice {@code blockSize} per instance and key (the block in hand and the one
 * taken ahead) go unused when a window ends.
 *
 * <p>A request that finds a place in its block is answered at once. Only taking a new block goes to the
 * database, on a small pool of threads of its own with a bounded queue ({@code chorus.gateway.rate-limits.store.*}) (never on the caller's thread, which
 * may be an event loop); one block is taken at a time per key, ahead of need (when half the block in hand is
 * used), and only requests that find no place left wait for it.
 * If PostgreSQL cannot be reached, does not answer within the wait for a block, or the queue is full,
 * counting falls back to this instance's memory (each local request counting as many as there are
 * instances, so each allows its share), is logged, and returns to PostgreSQL on the next block: a rate
 * limit protects the services, so it keeps working rather than refusing everyone.
 */
public final class PostgresRateLimitStore implements RateLimitStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresRateLimitStore.class);

    /**
     * Places this instance holds for one key in one window: the next to hand out and the last, and a block taken
     * ahead ({@code spareFirst..spareLast}, 0 when none) so that requests need not wait for the database.
     */
    private static final class Block {
        final long window;
        long next;
        long last;
        long spareFirst;
        long spareLast;
        /** The block being taken from the database, while one is, and since when (nanoTime). */
        CompletableFuture<Void> refill;
        long refillStarted;

        Block(long window) {
            this.window = window;
        }

        boolean hasPlace() {
            return next != 0 && next <= last;
        }

        /** Takes the spare block into hand when the one in hand is used up. */
        void useSpare() {
            if (!hasPlace() && spareFirst != 0) {
                next = spareFirst;
                last = spareLast;
                spareFirst = 0;
                spareLast = 0;
            }
        }

        /** A new block from the database: into hand if the hand is empty, else kept as the spare. */
        void add(long first, long lastOfBlock) {
            if (hasPlace()) {
                spareFirst = first;
                spareLast = lastOfBlock;
            } else {
                next = first;
                last = lastOfBlock;
            }
            refill = null;
        }
    }

    private final DataSource database;
    private final int blockSize;
    /**
     * How long a request waits for a new block before it counts in memory instead; once a block has been awaited
     * this long, further requests for the key count in memory at once until it comes. With the block taken ahead,
     * requests seldom wait at all.
     */
    private final long waitForBlockNanos;
    private final InMemoryRateLimitStore fallback = new InMemoryRateLimitStore();
    /** While PostgreSQL is away, a local count times this stands for the shared count. */
    private final long instances;
    private final Map<String, Block> blocks = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor work;
    private volatile long sweptWindow = Long.MIN_VALUE;
    private volatile long lastWarning;

    /**
     * @param database  the pool, with at least {@code store.poolSize()} connections
     * @param blockSize how many places an instance takes at once
     * @param instances how many gateway instances there are, for the fallback's share
     * @param store     threads (as many as the pool has connections), queue limit and wait for a block
     */
    public PostgresRateLimitStore(DataSource database, int blockSize, int instances, GatewayProperties.RateLimits.Store store) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("chorus.gateway.rate-limits.block-size must be at least 1");
        }
        this.database = database;
        this.blockSize = blockSize;
        this.instances = instances;
        this.waitForBlockNanos = store.waitForBlock().toNanos();
        AtomicInteger threads = new AtomicInteger();
        this.work = new ThreadPoolExecutor(store.poolSize(), store.poolSize(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(store.queueLimit()), task -> {
            Thread thread = new Thread(task, "rate-limit-store-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.work.allowCoreThreadTimeOut(true);
        // At start-up, on the thread that builds the gateway: no request waits for it.
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
    public Mono<Long> incrementAndGet(String key, long window, Duration length) {
        return Mono.defer(() -> {
            if (window != sweptWindow) {
                sweptWindow = window;
                blocks.values().removeIf(block -> block.window < window);
                offer(() -> forgetWindowsBefore(window - 1));
            }
            Block block = blocks.compute(key, (k, held) -> held == null || held.window != window ? new Block(window) : held);
            CompletableFuture<Void> awaited;
            long waitLeft;
            synchronized (block) {
                block.useSpare();
                if (block.hasPlace()) {
                    long place = block.next++;
                    // Half the block used and no spare: take the next one now, so that no request waits for it.
                    if (block.refill == null && block.spareFirst == 0 && block.last - block.next < blockSize / 2) {
                        refill(key, block);
                    }
                    return Mono.just(place);
                }
                if (block.refill == null) {
                    refill(key, block);
                }
                waitLeft = block.refillStarted + waitForBlockNanos - System.nanoTime();
                if (waitLeft <= 0) {
                    // The database is not answering: do not make every request wait for it in turn.
                    return Mono.just(fallback.count(key, window) * instances);
                }
                awaited = block.refill;
            }
            // Every request waiting for this block gives up at the same time, the wait for a block after it was asked for.
            // The block is shared: one waiter giving up must not cancel it for the others.
            return Mono.fromFuture(awaited, true)
                    .timeout(Duration.ofNanos(waitLeft))
                    .then(Mono.defer(() -> incrementAndGet(key, window, length)))
                    .onErrorResume(late -> Mono.fromSupplier(() -> fallback.count(key, window) * instances));
        });
    }

    /**
     * Takes a new block for {@code key} on the store's own threads ({@code block.refill} completes when it is in
     * place); the caller holds the block's lock.
     */
    private void refill(String key, Block block) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        block.refill = done;
        block.refillStarted = System.nanoTime();
        boolean queued = offer(() -> {
            try {
                long last = reserve(key, block.window);
                synchronized (block) {
                    block.add(last - blockSize + 1, last);
                }
                done.complete(null);
            } catch (SQLException | RuntimeException unreachable) {
                warn(unreachable);
                synchronized (block) {
                    block.refill = null;
                }
                done.completeExceptionally(unreachable);
            }
        });
        if (!queued) {
            block.refill = null;
            done.completeExceptionally(new RejectedExecutionException("the rate-limit store's queue is full"));
        }
    }

    private boolean offer(Runnable task) {
        try {
            work.execute(task);
            return true;
        } catch (RejectedExecutionException full) {
            return false;
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

    private void warn(Exception unreachable) {
        long now = System.currentTimeMillis();
        if (now - lastWarning > 60_000) {
            lastWarning = now;
            log.warn("Shared rate-limit counts are unavailable; counting in this instance until they are back: {}",
                    unreachable.getMessage());
        }
    }

    @Override
    public void close() throws Exception {
        work.shutdownNow();
        if (database instanceof AutoCloseable pool) {
            pool.close();
        }
    }
}
