package org.chorus.gateway.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Caps retries to a share of calls over a sliding window, so that retries cannot multiply the load on a
 * backend that is already struggling (the way a retry storm starts). The window is a ring of ten buckets;
 * counts are approximate under contention, which is fine for a budget.
 */
public final class RetryBudget {

    private static final int BUCKETS = 10;

    private final double ratio;
    private final int minRetries;
    private final long bucketNanos;
    private final AtomicLongArray epochs = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray calls = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray retries = new AtomicLongArray(BUCKETS);
    private final java.util.function.LongSupplier clock;

    public RetryBudget(double ratio, int minRetries, Duration window) {
        this(ratio, minRetries, window, System::nanoTime);
    }

    RetryBudget(double ratio, int minRetries, Duration window, java.util.function.LongSupplier clock) {
        this.ratio = ratio;
        this.minRetries = minRetries;
        this.bucketNanos = Math.max(1, window.toNanos() / BUCKETS);
        this.clock = clock;
    }

    /** Counts one first attempt. */
    public void recordCall() {
        calls.incrementAndGet(bucket());
    }

    /** Takes one retry from the budget; {@code false} when the budget is spent and the call must not be repeated. */
    public boolean tryRetry() {
        int current = bucket();
        long epoch = epochs.get(current);
        long totalCalls = 0;
        long totalRetries = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (epoch - epochs.get(i) < BUCKETS) {
                totalCalls += calls.get(i);
                totalRetries += retries.get(i);
            }
        }
        if (totalRetries + 1 > Math.max(minRetries, (long) Math.floor(totalCalls * ratio))) {
            return false;
        }
        retries.incrementAndGet(current);
        return true;
    }

    private int bucket() {
        long epoch = clock.getAsLong() / bucketNanos;
        int index = (int) Math.floorMod(epoch, BUCKETS);
        long seen = epochs.get(index);
        if (seen != epoch && epochs.compareAndSet(index, seen, epoch)) {
            calls.set(index, 0);
            retries.set(index, 0);
        }
        return index;
    }
}
