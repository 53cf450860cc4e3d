package org.chorus.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.chorus.testrig.RealPostgres;
import org.junit.jupiter.api.Test;

/**
 * Jobs on the clock with two instances of a service on a real PostgreSQL: while one runs a job, the other skips it;
 * once it ends (or fails), the job can run again; other jobs and other services' jobs never wait.
 */
class OneAtATimeTest {

    final DataSource database = RealPostgres.get().ownerDataSource("postgres");
    final OneAtATime first = new OneAtATime(database, "payments");
    final OneAtATime second = new OneAtATime(database, "payments");

    @Test
    void whileOneInstanceRunsAJobTheOtherSkipsItAndRunsItAfterwards() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger rounds = new AtomicInteger();
        CompletableFuture<Boolean> longRound = CompletableFuture.supplyAsync(() -> first.run("ledger-balance", () -> {
            rounds.incrementAndGet();
            running.countDown();
            await(finish);
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(second.run("ledger-balance", rounds::incrementAndGet)).as("the other instance skips the round").isFalse();
        assertThat(second.run("retention", () -> { })).as("another job does not wait").isTrue();
        assertThat(new OneAtATime(database, "membership").run("ledger-balance", () -> { })).as("another service's job does not wait")
                .isTrue();

        finish.countDown();
        assertThat(longRound.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.run("ledger-balance", rounds::incrementAndGet)).isTrue();
        assertThat(rounds).hasValue(2);
    }

    @Test
    void aJobThatFailsGivesItsLockBack() {
        assertThatThrownBy(() -> first.run("read-models", () -> {
            throw new IllegalStateException("a feed answered nonsense");
        })).hasMessage("a feed answered nonsense");

        assertThat(second.run("read-models", () -> { })).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
