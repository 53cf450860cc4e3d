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
 * extra server). Each count is one row per key and window; an instance takes a block of consecutive places in it
 * with one atomic {@code INSERT … ON CONFLICT DO UPDATE SET count = count + n RETURNING count}, then hands them
 * out to its requests from memory. Places are unique across instances, so however many instances there are and
 * however unevenly the load balancer spreads callers, no more than the limit are let through in a window while the
 * database answers; at most two blocks per instance and key (the block in hand and the one taken ahead) go unused
 * when a window ends.
 *
 * <p>A block starts at {@code blockSize} places. While a key's blocks are used up in less than half of
 * {@link #BLOCK_LASTS_NANOS}, each new one is twice as big, up to a twentieth of the key's limit per instance (so
 * that unused places cost a key at most a tenth of its limit); when one lasts more than twice as long, the next is
 * half as big. A busy key thus goes to the database a few times a second, not every few requests, and its next
 * block is asked for long before it is needed.
 *
 * <p>A request that finds a place in its block is answered at once. Only taking a new block goes to the
 * database, on a small pool of threads of its own with a bounded queue ({@code chorus.gateway.rate-limits.store.*})
 * (never on the caller's thread, which may be an event loop); one block is taken at a time per key, ahead of need
 * (when half the block in hand is used). A request that finds no place left waits for the block being taken, but
 * no longer than {@code store.waitForBlock} after it was asked for; then it, and every request for the key after
 * it until the block comes, counts in memory, and so does every other key's until a block comes again. Counting in
 * memory goes on from the last place the database gave (each local request counting as many as there are
 * instances, so that each instance allows its share). The requests counted so take the first places of the late
 * block, and those it cannot cover are added to the shared count with the next one: when the database answers
 * again, the count is right again (with one instance, exactly).
 * If PostgreSQL cannot be reached or the queue is full, that is logged. A rate limit protects the services, so it
 * keeps working rather than refusing everyone or making them wait.
 */
public final class PostgresRateLimitStore implements RateLimitStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresRateLimitStore.class);

    /** How long a key's block should last: a busy key's blocks grow until they last about this long. */
    static final long BLOCK_LASTS_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /**
     * Places this instance holds for one key in one window: the block in hand ({@code first..last}, {@code next} the
     * next to hand out), a block taken ahead ({@code spareFirst..spareLast}, 0 when none), and what it counted in
     * memory while the database was late.
     */
    private static final class Block {
        final long window;
        /** How many places the next block takes. */
        long size;
        long first;
        long next;
        long last;
        long spareFirst;
        long spareLast;
        /** The highest place the database has given this instance for the key in this window. */
        long seen;
        /** Requests counted in memory, not yet added to the shared count; and those being added with the block asked for. */
        long owed;
        long charging;
        /** The block being taken from the database, while one is; when the last block was asked for (nanoTime, 0: none yet). */
        CompletableFuture<Void> refill;
        long lastAsked;

        Block(long window, long size) {
            this.window = window;
            this.size = size;
        }

        boolean hasPlace() {
            return next != 0 && next <= last;
        }

        boolean halfUsed() {
            return next - first >= (last - first + 1) / 2;
        }

        /** Takes the spare block into hand when the one in hand is used up. */
        void useSpare() {
            if (!hasPlace() && spareFirst != 0) {
                first = next = spareFirst;
                last = spareLast;
                spareFirst = 0;
                spareLast = 0;
            }
        }

        /**
         * A new block from the database, less the places of requests counted in memory since it was asked for (those
         * it cannot cover stay owed): into hand if the hand is empty, else kept as the spare.
         */
        void add(long lastOfBlock, long places) {
            long counted = Math.min(owed, places);
            owed -= counted;
            long firstOfBlock = lastOfBlock - places + 1 + counted;
            if (hasPlace()) {
                spareFirst = firstOfBlock;
                spareLast = lastOfBlock;
            } else if (firstOfBlock <= lastOfBlock) {
                first = next = firstOfBlock;
                last = lastOfBlock;
            }
            seen = Math.max(seen, lastOfBlock);
            charging = 0;
            refill = null;
        }

        /** The block asked for was not taken: the places it was to add for requests counted in memory are still owed. */
        void unsent() {
            owed += charging;
            charging = 0;
            refill = null;
        }

        /** The count after one more request counted in memory. */
        long countInMemory(long instances) {
            owed++;
            return seen + (owed + charging) * instances;
        }
    }

    private final DataSource database;
    private final int blockSize;
    /**
     * How long after a block is asked for a request waits for it before it counts in memory; once a block has been
     * awaited this long, further requests for the key count in memory at once until it comes. With the block taken
     * ahead, requests seldom wait at all.
     */
    private final long waitForBlockNanos;
    /** While PostgreSQL is away, a local count times this stands for the shared count. */
    private final long instances;
    private final Map<String, Block> blocks = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor work;
    /** A block was late or could not be taken, and none has come since: no request waits for the database. */
    private volatile boolean stalled;
    private volatile long sweptWindow = Long.MIN_VALUE;
    private volatile long lastWarning;

    /**
     * @param database  the pool, with at least {@code store.poolSize()} connections
     * @param blockSize how many places an instance takes at once, at least (busy keys take more)
     * @param instances how many gateway instances there are, for the share each counts in memory
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
    public Mono<Long> incrementAndGet(String key, long limit, long window, Duration length) {
        return Mono.defer(() -> {
            if (window != sweptWindow) {
                sweptWindow = window;
                blocks.values().removeIf(block -> block.window < window);
                offer(() -> forgetWindowsBefore(window - 1));
            }
            Block block = blocks.compute(key, (k, held) -> held == null || held.window != window ? new Block(window, blockSize) : held);
            long maxSize = Math.max(blockSize, limit / (20 * instances));
            CompletableFuture<Void> awaited;
            long waitLeft;
            synchronized (block) {
                block.useSpare();
                if (block.hasPlace()) {
                    long place = block.next++;
                    if (block.refill == null && block.spareFirst == 0 && block.halfUsed()) {
                        refill(key, block, maxSize);
                    }
                    return Mono.just(place);
                }
                if (block.refill == null) {
                    refill(key, block, maxSize);
                }
                waitLeft = block.lastAsked + waitForBlockNanos - System.nanoTime();
                if (waitLeft <= 0 || block.refill == null || stalled) {
                    // The database is late or the queue full: do not make every request wait for it in turn.
                    stalled = true;
                    return Mono.just(block.countInMemory(instances));
                }
                awaited = block.refill;
            }
            // Every request waiting for this block gives up at the same time, the wait for a block after it was asked for.
            // The block is shared: one waiter giving up must not cancel it for the others.
            return Mono.fromFuture(awaited, true)
                    .timeout(Duration.ofNanos(waitLeft))
                    .then(Mono.defer(() -> incrementAndGet(key, limit, window, length)))
                    .onErrorResume(late -> Mono.fromSupplier(() -> {
                        stalled = true;
                        synchronized (block) {
                            return block.countInMemory(instances);
                        }
                    }));
        });
    }

    /**
     * Takes a new block for {@code key} on the store's own threads ({@code block.refill} completes when it is in
     * place), with the places owed for requests counted in memory; the caller holds the block's lock.
     */
    private void refill(String key, Block block, long maxSize) {
        long now = System.nanoTime();
        if (block.lastAsked != 0) {
            long lasted = now - block.lastAsked;
            block.size = lasted < BLOCK_LASTS_NANOS / 2 ? Math.min(block.size * 2, maxSize)
                    : lasted > BLOCK_LASTS_NANOS * 2 ? Math.max(block.size / 2, blockSize) : block.size;
        }
        block.lastAsked = now;
        long places = block.size;
        long owed = block.owed;
        block.charging = owed;
        block.owed = 0;
        CompletableFuture<Void> done = new CompletableFuture<>();
        block.refill = done;
        boolean queued = offer(() -> {
            try {
                long last = reserve(key, block.window, places + owed);
                synchronized (block) {
                    block.add(last, places);
                }
                stalled = false;
                done.complete(null);
            } catch (SQLException | RuntimeException unreachable) {
                warn(unreachable);
                synchronized (block) {
                    block.unsent();
                }
                done.completeExceptionally(unreachable);
            }
        });
        if (!queued) {
            block.unsent();
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

    private long reserve(String key, long window, long places) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement take = connection.prepareStatement("""
                     INSERT INTO gateway_rate_window (key, window_number, count) VALUES (?, ?, ?)
                     ON CONFLICT (key, window_number) DO UPDATE SET count = gateway_rate_window.count + EXCLUDED.count
                     RETURNING count""")) {
            take.setString(1, key);
            take.setLong(2, window);
            take.setLong(3, places);
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
