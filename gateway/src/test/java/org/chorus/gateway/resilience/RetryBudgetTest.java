package org.chorus.gateway.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBudgetTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void retriesAreCappedAtTheRatioOfCallsOnceTheMinimumIsUsed() {
        RetryBudget budget = new RetryBudget(0.1, 2, Duration.ofSeconds(10), now::get);
        for (int i = 0; i < 100; i++) {
            budget.recordCall();
        }
        int granted = 0;
        for (int i = 0; i < 50; i++) {
            if (budget.tryRetry()) {
                granted++;
            }
        }
        assertThat(granted).isEqualTo(10);
    }

    @Test
    void aQuietBackendStillGetsTheMinimumAndTheBudgetRefillsAsTheWindowSlides() {
        RetryBudget budget = new RetryBudget(0.1, 2, Duration.ofSeconds(10), now::get);
        budget.recordCall();
        assertThat(budget.tryRetry()).isTrue();
        assertThat(budget.tryRetry()).isTrue();
        assertThat(budget.tryRetry()).isFalse();

        now.addAndGet(Duration.ofSeconds(11).toNanos());

        assertThat(budget.tryRetry()).isTrue();
    }
}
