package org.chorus.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.chorus.gateway.GatewayProperties;
import org.chorus.testrig.RealPostgres;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/**
 * Three gateway instances (three stores, each with its own pool) counting one caller on a real
 * PostgreSQL, six threads each, as an uneven load balancer would send them: together they let
 * through no more than the limit, and no fewer than the limit less the places each may leave unused.
 */
class PostgresRateLimitStoreTest {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    /** chorus.gateway.rate-limits.store's defaults. */

    private static final GatewayProperties.RateLimits.Store STORE =

            new GatewayProperties.RateLimits.Store(4, 64, Duration.ofSeconds(1), Duration.ofSeconds(10));

    @Test
    void instancesTogetherAllowNoMoreThanTheLimit() throws Exception {
        int limit = 500;
        int blockSize = 10;
        List<PostgresRateLimitStore> instances = List.of(store(blockSize), store(blockSize), store(blockSize));
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
                        if (instance.incrementAndGet("caller:sam", window, WINDOW).block() <= limit) {
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
        try (PostgresRateLimitStore store = store(1)) {
            long window = System.nanoTime();
            assertThat(store.incrementAndGet("caller:a", window, WINDOW).block()).isEqualTo(1);
            assertThat(store.incrementAndGet("caller:a", window, WINDOW).block()).isEqualTo(2);
            assertThat(store.incrementAndGet("caller:b", window, WINDOW).block()).isEqualTo(1);
            assertThat(store.incrementAndGet("caller:a", window + 1, WINDOW).block()).as("a new window starts again").isEqualTo(1);
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
            assertThat(store.incrementAndGet("caller:a", window, WINDOW).block()).as("one local request counts as one per instance").isEqualTo(4);
            assertThat(store.incrementAndGet("caller:a", window, WINDOW).block()).isEqualTo(8);
        }
    }

    /**
     * The database stops answering (as under SIGSTOP): requests that find a place in the block already taken are
     * answered at once, on an event loop, without blocking it (BlockHound would fail the test); the one that needs
     * a new block waits no longer than the store allows, then counts in memory.
     */
    @Test
    void aStalledDatabaseHoldsUpOnlyTheRequestsThatNeedANewBlock() throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        AtomicBoolean answering = new AtomicBoolean(true);
        HikariDataSource pool = pool();
        DataSource stalling = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && !answering.get()) {
                        stalled.await();
                    }
                    return method.invoke(pool, args);
                });
        try (PostgresRateLimitStore store = new PostgresRateLimitStore(stalling, 10, 1, STORE)) {
            long window = System.nanoTime();
            assertThat(store.incrementAndGet("caller:a", window, WINDOW).block()).isEqualTo(1);
            answering.set(false);

            List<Long> counts = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 9; i++) {
                counts.add(store.incrementAndGet("caller:a", window, WINDOW).subscribeOn(Schedulers.parallel()).block());
            }
            long placesInBlockMillis = (System.nanoTime() - start) / 1_000_000;
            Long needsNewBlock = store.incrementAndGet("caller:a", window, WINDOW).subscribeOn(Schedulers.parallel())
                    .block(Duration.ofSeconds(2));
            stalled.countDown();

            assertThat(counts).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(placesInBlockMillis).as("nine places from the block in hand").isLessThan(200);
            assertThat(needsNewBlock).as("counted in memory while the database is away").isEqualTo(1);
        }
    }

    private static PostgresRateLimitStore store(int blockSize) {
        return new PostgresRateLimitStore(pool(), blockSize, 3, STORE);
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
