package org.chorus.gateway.ratelimit;

import java.time.Duration;

/**
 * Where request counts per key and window are kept. The gateway ships {@link InMemoryRateLimitStore}; a
 * shared store (PostgreSQL with one atomic {@code INSERT … ON CONFLICT DO UPDATE … RETURNING count} per
 * window, or Redis {@code INCR} + {@code EXPIRE}) fits behind the same method.
 */
public interface RateLimitStore {

    /**
     * Adds one request to the count of {@code key} in the window numbered {@code window} (time since the
     * epoch divided by the window's length) and returns the count after it.
     *
     * @param length the window's length, so a store can expire old windows
     */
    long incrementAndGet(String key, long window, Duration length);
}
