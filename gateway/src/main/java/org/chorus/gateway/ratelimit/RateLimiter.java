package org.chorus.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.chorus.gateway.GatewayProperties;
import reactor.core.publisher.Mono;

/**
 * Fixed-window limits per caller (the token's {@code sub}) and per commission (named in the path), counted
 * in a store shared by every gateway instance; with a store of one instance's own, each instance allows
 * {@code ceil(limit / instances)}. Answers carry the IETF draft headers
 * {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} (seconds) of the tighter
 * of the two limits; a refusal is {@code 429} problem+json with {@code Retry-After}.
 */
public final class RateLimiter {

    public static final String LIMIT = "RateLimit-Limit";
    public static final String REMAINING = "RateLimit-Remaining";
    public static final String RESET = "RateLimit-Reset";

    private final GatewayProperties.RateLimits settings;
    private final RateLimitStore store;
    private final MeterRegistry meters;
    private final LongSupplier clockMillis;

    public RateLimiter(GatewayProperties.RateLimits settings, RateLimitStore store, MeterRegistry meters) {
        this(settings, store, meters, System::currentTimeMillis);
    }

    RateLimiter(GatewayProperties.RateLimits settings, RateLimitStore store, MeterRegistry meters, LongSupplier clockMillis) {
        this.settings = settings;
        this.store = store;
        this.meters = meters;
        this.clockMillis = clockMillis;
    }

    /** What one limit said about one request. */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, String scope) {
        public Map<String, String> headers() {
            return Map.of(LIMIT, Long.toString(limit), REMAINING, Long.toString(remaining), RESET, Long.toString(resetSeconds));
        }
    }

    /**
     * Counts the request against each limit that applies and gives the tighter decision; nothing when no
     * limit applies. The commission's limit is counted only when the caller's let the request through.
     *
     * @param caller     the token's subject, or {@code null}
     * @param commission the commission the request names, or {@code null}
     * @param route      the route template, for the rejections metric
     */
    public Mono<Decision> check(String caller, String commission, String route) {
        if (!settings.enabled() || (caller == null && commission == null)) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            long windowMillis = settings.window().toMillis();
            long now = clockMillis.getAsLong();
            long window = now / windowMillis;
            long reset = Math.max(1, ((window + 1) * windowMillis - now + 999) / 1000);
            Mono<Decision> byCaller = caller == null ? Mono.empty()
                    : decide("caller", "caller:" + caller, perInstance(settings.perCaller()), window, reset);
            return byCaller
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(first -> commission == null || (first.isPresent() && !first.get().allowed())
                            ? Mono.justOrEmpty(first)
                            : decide("commission", "commission:" + commission, perInstance(settings.perCommission()), window, reset)
                                    .map(second -> first.isEmpty() || !second.allowed() || second.remaining() < first.get().remaining()
                                            ? second : first.get()))
                    .doOnNext(tightest -> {
                        if (!tightest.allowed()) {
                            Counter.builder("chorus.gateway.rate_limit.rejections")
                                    .description("Requests refused with 429 by the gateway's rate limits")
                                    .tag("scope", tightest.scope())
                                    .tag("route", route)
                                    .register(meters)
                                    .increment();
                        }
                    });
        });
    }

    private Mono<Decision> decide(String scope, String key, long limit, long window, long reset) {
        return store.incrementAndGet(key, limit, window, settings.window())
                .map(count -> new Decision(count <= limit, limit, Math.max(0, limit - count), reset, scope));
    }

    private long perInstance(int limit) {
        return store.sharedAcrossInstances() ? limit : (limit + settings.instances() - 1) / settings.instances();
    }
}
