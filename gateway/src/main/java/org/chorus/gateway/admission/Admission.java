package org.chorus.gateway.admission;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.chorus.gateway.GatewayProperties;
import org.chorus.gateway.backends.GrpcBackends;
import org.chorus.gateway.problem.Refusal;
import org.chorus.gateway.problem.Refused;
import org.chorus.gateway.ratelimit.RateLimiter;
import org.chorus.gateway.resilience.BackendGuards;
import org.chorus.identity.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * What a call must pass before it reaches a service, the same for the JSON door and the gRPC door, in this order:
 * <ol>
 *   <li>the commission guard ({@link #guard}): a call about a commission needs a role in it;</li>
 *   <li>the caller's and the commission's rate limits ({@link #limit});</li>
 *   <li>the backend's bulkhead place and breaker permission ({@link #acquire}), held in a {@link BackendPermit}
 *       until the call ends.</li>
 * </ol>
 * A refusal is a {@link Refused} carrying its {@link Refusal}; each door only writes it in its own wire format. The
 * gRPC door runs the three steps in one go ({@link #admit}); the JSON door runs each where Spring Cloud Gateway
 * expects it (the guard in Spring Security's authorization, the limits in SCG's {@code RequestRateLimiter}, the
 * permit in the transcoding filter), so both doors share the same rate limiter, breakers and bulkheads.
 */
public final class Admission {

    private static final Logger log = LoggerFactory.getLogger(Admission.class);

    private final BackendGuards guards;
    private final RateLimiter limits;
    private final GrpcBackends backends;
    private final GatewayProperties properties;

    public Admission(BackendGuards guards, RateLimiter limits, GrpcBackends backends, GatewayProperties properties) {
        this.guards = guards;
        this.limits = limits;
        this.backends = backends;
        this.properties = properties;
        // A breaker that turns half-open lets a few trial calls through: the backend's channel tries to connect at
        // once, so they meet a fresh connection instead of failing on gRPC's reconnect backoff (which grows to
        // minutes) and opening the breaker again although the service is back.
        guards.breakers().getAllCircuitBreakers().forEach(this::reconnectWhenHalfOpen);
        guards.breakers().getEventPublisher().onEntryAdded(added -> reconnectWhenHalfOpen(added.getAddedEntry()));
    }

    private void reconnectWhenHalfOpen(CircuitBreaker breaker) {
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.HALF_OPEN) {
                backends.reconnectNow(breaker.getName());
            }
        });
    }

    /**
     * Lets a call about {@code commission} through only if the caller holds a role in it, coordinates the network
     * or reads dashboards ({@link Caller#canSee}); a call about no one commission is left to the service.
     *
     * @throws Refused {@code NOT_ALLOWED}, whether the commission exists or not
     */
    public void guard(Caller caller, String commission) {
        if (commission != null && !caller.canSee(commission)) {
            throw Refusal.notAllowed().refuse();
        }
    }

    /**
     * Counts the call against the caller's and the commission's limits: the tighter decision (its
     * {@code RateLimit-*} headers), nothing when no limit applies, or a {@link Refused} {@code RATE_LIMITED}.
     *
     * @param caller     the token's subject, or {@code null}
     * @param commission the commission the call is about, or {@code null}
     * @param route      the route template or gRPC method, for the rejections metric
     */
    public Mono<RateLimiter.Decision> limit(String caller, String commission, String route) {
        return limits.check(caller, commission, route).handle((decision, sink) -> {
            if (decision.allowed()) {
                sink.next(decision);
            } else {
                sink.error(Refusal.rateLimited(decision.scope(), decision.headers(), decision.resetSeconds()).refuse());
            }
        });
    }

    /**
     * A place in the backend's bulkhead and its breaker's permission for the first attempt; the caller must
     * {@link BackendPermit#release()} it when the call ends.
     *
     * @throws Refused {@code SERVICE_NOT_CONFIGURED}, {@code BACKEND_BUSY} or {@code CIRCUIT_OPEN}
     */
    public BackendPermit acquire(String backend) {
        if (!backends.knows(backend)) {
            log.warn("No address is configured for the {} service (chorus.gateway.backends.{})", backend, backend);
            throw Refusal.notConfigured(properties.retryAfter()).refuse();
        }
        Bulkhead bulkhead = guards.bulkhead(backend);
        if (!bulkhead.tryAcquirePermission()) {
            throw Refusal.busy(backend).refuse();
        }
        CircuitBreaker breaker = guards.breaker(backend);
        if (!breaker.tryAcquirePermission()) {
            bulkhead.onComplete();
            throw Refusal.circuitOpen(backend, guards.settings().waitInOpenState()).refuse();
        }
        return new BackendPermit(backend, bulkhead, breaker, guards);
    }

    /** The three steps in order, for a door with no filter chain (the gRPC door): the permit, or a {@link Refused}. */
    public Mono<BackendPermit> admit(Caller caller, String commission, String backend, String route) {
        return Mono.defer(() -> {
            guard(caller, commission);
            return limit(caller.subject(), commission, route).then(Mono.fromSupplier(() -> acquire(backend)));
        });
    }
}
