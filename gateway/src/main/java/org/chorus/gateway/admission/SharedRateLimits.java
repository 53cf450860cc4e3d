package org.chorus.gateway.admission;

import java.util.Map;
import org.chorus.gateway.ratelimit.LimitKey;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter.Response;
import reactor.core.publisher.Mono;

/**
 * The admission's limits ({@link Admission#limit}, the gRPC door's too) as SCG's {@code RateLimiter}, for its
 * {@code RequestRateLimiter} filter on every JSON route; the key ({@link LimitKey}) names the caller and the
 * commission, and both limits are counted in the shared store. A refusal is raised as the 429 refusal instead of
 * answered {@code false}: the filter would answer it with an empty body, and a Chorus refusal is problem+json with
 * {@code Retry-After}.
 */
public final class SharedRateLimits implements org.springframework.cloud.gateway.filter.ratelimit.RateLimiter<Object> {

    private static final Response NO_LIMIT = new Response(true, Map.of());

    private final Admission admission;

    public SharedRateLimits(Admission admission) {
        this.admission = admission;
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        LimitKey key = LimitKey.decode(id);
        return admission.limit(key.caller(), key.commission(), key.route())
                .map(decision -> new Response(true, decision.headers()))
                .defaultIfEmpty(NO_LIMIT);
    }

    /** The limits are {@code chorus.gateway.rate-limits.*}, the same for every route: nothing to configure per route. */
    @Override
    public Map<String, Object> getConfig() {
        return Map.of();
    }

    @Override
    public Class<Object> getConfigClass() {
        return Object.class;
    }

    @Override
    public Object newConfig() {
        return new Object();
    }
}
