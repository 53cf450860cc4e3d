package org.chorus.gateway.ratelimit;

import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Where request counts per key and window are kept: {@link PostgresRateLimitStore}, shared by every
 * gateway instance (the platform's choice), or {@link InMemoryRateLimitStore}, one instance's own.
 * Counting never blocks the caller's thread: an answer that needs the database comes later.
 */
public interface RateLimitStore {

    /**
     * Adds one request to the count of {@code key} in the window numbered {@code window} (time since the
     * epoch divided by the window's length) and gives the count after it.
     *
     * @param limit  the key's limit in a window, so a store can size what it takes at once
     * @param length the window's length, so a store can expire old windows
     */
    Mono<Long> incrementAndGet(String key, long limit, long window, Duration length);

    /** Whether every gateway instance counts in the same place; if not, each allows its share of a limit. */
    default boolean sharedAcrossInstances() {
        return false;
    }
}
