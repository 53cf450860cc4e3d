package org.chorus.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * Counts in this gateway's memory: for a single instance, and tests.
 * Across N instances it is right only as far as the load balancer spreads each caller evenly, since each
 * instance is given {@code limit / N} (see {@link RateLimiter}).
 * Old windows are dropped as new ones start, so memory stays bounded by the keys active in one window.
 */
public final class InMemoryRateLimitStore implements RateLimitStore {

    private record Slot(long window, AtomicLong count) {
    }

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private volatile long sweptWindow = Long.MIN_VALUE;

    @Override
    public Mono<Long> incrementAndGet(String key, long limit, long window, Duration length) {
        return Mono.fromSupplier(() -> count(key, window));
    }

    private long count(String key, long window) {
        if (window != sweptWindow) {
            sweptWindow = window;
            slots.values().removeIf(slot -> slot.window() < window);
        }
        Slot slot = slots.compute(key, (k, old) -> old == null || old.window() != window ? new Slot(window, new AtomicLong()) : old);
        return slot.count().incrementAndGet();
    }
}
