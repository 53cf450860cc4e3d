package org.chorus.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.chorus.testrig.RealPostgres;
import org.junit.jupiter.api.Test;

/**
 * Three gateway instances (three stores, each with its own pool) counting one caller on a real
 * PostgreSQL, six threads each, as an uneven load balancer would send them: together they let
 * through no more than the limit, and no fewer than the limit less the places each may leave unused.
 */
class PostgresRateLimitStoreTest {

    private static final Duration WINDOW = Duration.ofMinutes(1);

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
                        if (instance.incrementAndGet("caller:sam", window, WINDOW) <= limit) {
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
            assertThat(store.incrementAndGet("caller:a", window, WINDOW)).isEqualTo(1);
            assertThat(store.incrementAndGet("caller:a", window, WINDOW)).isEqualTo(2);
            assertThat(store.incrementAndGet("caller:b", window, WINDOW)).isEqualTo(1);
            assertThat(store.incrementAndGet("caller:a", window + 1, WINDOW)).as("a new window starts again").isEqualTo(1);
        }
    }

    @Test
    void withoutItsDatabaseAnInstanceCountsItsShareInMemory() throws Exception {
        HikariDataSource nowhere = new HikariDataSource();
        nowhere.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/nothing");
        nowhere.setConnectionTimeout(250);
        nowhere.setInitializationFailTimeout(-1);
        try (PostgresRateLimitStore store = new PostgresRateLimitStore(nowhere, 10, 4)) {
            long window = System.nanoTime();
            assertThat(store.incrementAndGet("caller:a", window, WINDOW)).as("one local request counts as one per instance").isEqualTo(4);
            assertThat(store.incrementAndGet("caller:a", window, WINDOW)).isEqualTo(8);
        }
    }

    private static PostgresRateLimitStore store(int blockSize) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(RealPostgres.get().jdbcUrl("gateway"));
        pool.setUsername(RealPostgres.get().username());
        pool.setPassword(RealPostgres.get().password());
        pool.setMaximumPoolSize(4);
        return new PostgresRateLimitStore(pool, blockSize, 3);
    }
}
