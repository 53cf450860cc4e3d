package org.chorus.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.chorus.gateway.GatewayProperties;
import org.chorus.testrig.RealPostgres;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/** The shared rate-limit store on a real PostgreSQL: exact while it answers, never waited for long when it does not. */
class PostgresRateLimitStoreTest {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    /** chorus.gateway.rate-limits.store's defaults. */
    private static final GatewayProperties.RateLimits.Store STORE =
            new GatewayProperties.RateLimits.Store(4, 64, Duration.ofMillis(50), Duration.ofSeconds(10));

    /** A wait for a block no busy test machine's PostgreSQL outlasts: every request is counted in it. */
    private static final GatewayProperties.RateLimits.Store ANSWERING =
            new GatewayProperties.RateLimits.Store(4, 64, Duration.ofSeconds(5), Duration.ofSeconds(10));

    /** Keys of limits this high grow their blocks as far as their pace asks. */
    private static final long NO_LIMIT = 1_000_000_000L;

    /**
     * Three gateway instances (three stores, each with its own pool) counting one caller, six threads each, as an
     * uneven load balancer would send them: together they let through no more than the limit, and no fewer than the
     * limit less the places each may leave unused.
     */
    @Test
    void instancesTogetherAllowNoMoreThanTheLimit() throws Exception {
        int limit = 500;
        int blockSize = 10;
        List<PostgresRateLimitStore> instances = List.of(store(blockSize, 3), store(blockSize, 3), store(blockSize, 3));
        long window = System.nanoTime(); // a window number no other test uses
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(18);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            PostgresRateLimitStore instance = instances.get(i);
            int requests = 100 * (i + 1); // 100, 200 and 300 requests per thread: uneven on purpose
            for (int t = 0; t < 6; t++) {
                sent.add(threads.submit(() -> {
                    for (int r = 0; r < requests; r++) {
                        if (instance.incrementAndGet("caller:sam", limit, window, WINDOW).block() <= limit) {
                            allowed.incrementAndGet();
                        }
                    }
                }));
            }
        }
        for (Future<?> request : sent) {
            request.get();
        }
        threads.shutdown();
        for (PostgresRateLimitStore instance : instances) {
            instance.close();
        }

        assertThat(allowed.get()).as("3,600 requests against a limit of 500").isLessThanOrEqualTo(limit)
                .isGreaterThanOrEqualTo(limit - instances.size() * blockSize);
    }

    @Test
    void eachKeyAndWindowIsCountedApart() throws Exception {
        try (PostgresRateLimitStore store = store(1, 3)) {
            long window = System.nanoTime();
            assertThat(store.incrementAndGet("caller:a", NO_LIMIT, window, WINDOW).block()).isEqualTo(1);
            assertThat(store.incrementAndGet("caller:a", NO_LIMIT, window, WINDOW).block()).isEqualTo(2);
            assertThat(store.incrementAndGet("caller:b", NO_LIMIT, window, WINDOW).block()).isEqualTo(1);
            assertThat(store.incrementAndGet("caller:a", NO_LIMIT, window + 1, WINDOW).block()).as("a new window starts again").isEqualTo(1);
        }
    }

    @Test
    void withoutItsDatabaseAnInstanceCountsItsShareInMemory() throws Exception {
        HikariDataSource nowhere = new HikariDataSource();
        nowhere.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/nothing");
        nowhere.setConnectionTimeout(250);
        nowhere.setInitializationFailTimeout(-1);
        try (PostgresRateLimitStore store = new PostgresRateLimitStore(nowhere, 10, 4, STORE)) {
            long window = System.nanoTime();
            assertThat(store.incrementAndGet("caller:a", NO_LIMIT, window, WINDOW).block()).as("one local request counts as one per instance").isEqualTo(4);
            assertThat(store.incrementAndGet("caller:a", NO_LIMIT, window, WINDOW).block()).isEqualTo(8);
        }
    }

    /**
     * The database stops answering (as under SIGSTOP): requests that find a place in the block already taken are
     * answered at once, on an event loop, without blocking it (BlockHound would fail the test); the one that needs
     * a new block waits no longer than the store allows, then counts in memory from the last place the database gave;
     * another key then counts in memory at once.
     */
    @Test
    void aStalledDatabaseHoldsUpOnlyTheRequestsThatNeedANewBlock() throws Exception {
        StallingDatabase database = new StallingDatabase();
        try (PostgresRateLimitStore store = new PostgresRateLimitStore(database.pool, 10, 1, STORE)) {
            long window = System.nanoTime();
            assertThat(store.incrementAndGet("caller:a", NO_LIMIT, window, WINDOW).block()).isEqualTo(1);
            database.stop();

            List<Long> counts = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 9; i++) {
                counts.add(store.incrementAndGet("caller:a", NO_LIMIT, window, WINDOW).subscribeOn(Schedulers.parallel()).block());
            }
            long placesInBlockMillis = (System.nanoTime() - start) / 1_000_000;
            Long needsNewBlock = store.incrementAndGet("caller:a", NO_LIMIT, window, WINDOW).subscribeOn(Schedulers.parallel())
                    .block(Duration.ofSeconds(2));
            long otherKeyStart = System.nanoTime();
            Long otherKey = store.incrementAndGet("caller:b", NO_LIMIT, window, WINDOW).subscribeOn(Schedulers.parallel())
                    .block(Duration.ofSeconds(2));
            long otherKeyMillis = (System.nanoTime() - otherKeyStart) / 1_000_000;
            database.answerAgain();

            assertThat(counts).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(placesInBlockMillis).as("nine places from the block in hand").isLessThan(200);
            assertThat(needsNewBlock).as("counted in memory while the database is away, after the ten places it gave").isEqualTo(11);
            assertThat(otherKey).as("another key, counted in memory from the start").isEqualTo(1);
            assertThat(otherKeyMillis).as("another key, once the database is known to be late, does not wait for it")
                    .isLessThan(STORE.waitForBlock().toMillis());
        }
    }

    /**
     * The database stops answering for a while, and one instance counts in memory: when it answers again, the
     * requests counted so take the late block's places and are added to the shared count with the next one, and
     * the count is exactly right again. Blocks of one place (a limit of 20), so that the shared count shows it.
     */
    @Test
    void whatWasCountedInMemoryIsAddedToTheSharedCount() throws Exception {
        StallingDatabase database = new StallingDatabase();
        GatewayProperties.RateLimits.Store halfASecond = new GatewayProperties.RateLimits.Store(4, 64, Duration.ofMillis(500), Duration.ofSeconds(10));
        long limit = 20;
        try (PostgresRateLimitStore store = new PostgresRateLimitStore(database.pool, 1, 1, halfASecond)) {
            long window = System.nanoTime();
            List<Long> counts = new ArrayList<>();
            counts.add(store.incrementAndGet("caller:a", limit, window, WINDOW).block());
            awaitSharedCount("caller:a", window, 2); // the place taken ahead
            database.stop();
            for (int i = 0; i < 20; i++) {
                counts.add(store.incrementAndGet("caller:a", limit, window, WINDOW).block(Duration.ofSeconds(2)));
            }
            database.answerAgain();
            awaitSharedCount("caller:a", window, 3); // the late place, taken by a request counted in memory
            for (int i = 0; i < 79; i++) {
                counts.add(store.incrementAndGet("caller:a", limit, window, WINDOW).block(Duration.ofSeconds(2)));
            }

            assertThat(counts).as("one from the database, twenty in memory, then the database again: each request's count")
                    .isEqualTo(LongStream.rangeClosed(1, 100).boxed().toList());
            assertThat(sharedCount("caller:a", window)).as("100 requests and at most the place in hand and one taken ahead")
                    .isBetween(100L, 102L);
        }
    }

    /**
     * A key asked for often takes bigger blocks, so it goes to the database a few times, not for every ten
     * requests; but a block is never more than a twentieth of the key's limit per instance.
     */
    @Test
    void aBusyKeyTakesBiggerBlocksUpToAShareOfItsLimit() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        DataSource counting = beforeEachConnection(asked::incrementAndGet);
        long limit = 6_000;
        int instances = 2;
        try (PostgresRateLimitStore store = new PostgresRateLimitStore(counting, 10, instances, ANSWERING)) {
            long window = System.nanoTime();
            asked.set(0);
            for (int i = 0; i < 5_000; i++) {
                store.incrementAndGet("caller:busy", NO_LIMIT, window, WINDOW).block();
            }
            int busyAsked = asked.get();
            for (int i = 0; i < 1_000; i++) {
                store.incrementAndGet("caller:limited", limit, window, WINDOW).block();
            }

            assertThat(busyAsked).as("blocks taken for 5,000 requests (500 of ten places)").isLessThan(50);
            assertThat(sharedCount("caller:limited", window)).as("1,000 requests and at most two blocks of 6,000 / 20 / 2 places")
                    .isBetween(1_000L, 1_000L + 2 * limit / 20 / instances);
        }
    }

    /** The test's PostgreSQL, which stops answering when told: taking a connection then waits until it answers again. */
    private static final class StallingDatabase {
        private final AtomicBoolean answering = new AtomicBoolean(true);
        private final CountDownLatch answeringAgain = new CountDownLatch(1);
        final DataSource pool = beforeEachConnection(() -> {
            if (!answering.get()) {
                answeringAgain.await();
            }
        });

        void stop() {
            answering.set(false);
        }

        void answerAgain() {
            answering.set(true);
            answeringAgain.countDown();
        }
    }

    private interface BeforeConnection {
        void run() throws InterruptedException;
    }

    /** A pool of the test's PostgreSQL that runs {@code before} each time a connection is taken from it. */
    private static DataSource beforeEachConnection(BeforeConnection before) {
        HikariDataSource pool = pool();
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        before.run();
                    }
                    return method.invoke(pool, args);
                });
    }

    private static void awaitSharedCount(String key, long window, long count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sharedCountOrZero(key, window) < count) {
            assertThat(System.nanoTime()).as("the shared count of " + key + " reaches " + count).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static long sharedCount(String key, long window) throws SQLException {
        long count = sharedCountOrZero(key, window);
        assertThat(count).as("a shared count for " + key).isPositive();
        return count;
    }

    private static long sharedCountOrZero(String key, long window) throws SQLException {
        try (HikariDataSource pool = pool(); Connection connection = pool.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT count FROM gateway_rate_window WHERE key = ? AND window_number = ?")) {
            count.setString(1, key);
            count.setLong(2, window);
            try (ResultSet row = count.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    private static PostgresRateLimitStore store(int blockSize, int instances) {
        return new PostgresRateLimitStore(pool(), blockSize, instances, ANSWERING);
    }

    private static HikariDataSource pool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(RealPostgres.get().jdbcUrl("gateway"));
        pool.setUsername(RealPostgres.get().username());
        pool.setPassword(RealPostgres.get().password());
        pool.setMaximumPoolSize(4);
        return pool;
    }
}
