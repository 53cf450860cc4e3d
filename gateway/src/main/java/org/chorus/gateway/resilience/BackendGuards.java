package org.chorus.gateway.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.grpc.Status;
import org.chorus.gateway.GatewayProperties;

/**
 * The resilience state of each backend service: one circuit breaker, one bulkhead and one retry budget per
 * backend (not per route: a service that is down is down for all its routes). Resilience4j is used
 * programmatically, not through SCG's CircuitBreaker filter or Spring Cloud CircuitBreaker: the gRPC door needs a
 * breaker permission per forwarded call, which is not an exchange nor a Mono (and the latter's Resilience4J starter
 * brings resilience4j-spring-boot3, made for Spring Boot 3).
 */
public final class BackendGuards {

    /** gRPC codes that say the backend is unwell, as opposed to the request being wrong. */
    private static final Set<Status.Code> BACKEND_FAILURES = Set.of(
            Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.INTERNAL, Status.Code.UNKNOWN,
            Status.Code.DATA_LOSS);

    private final GatewayProperties.Resilience settings;
    private final CircuitBreakerRegistry breakers;
    private final BulkheadRegistry bulkheads;
    private final Map<String, RetryBudget> budgets = new ConcurrentHashMap<>();

    public BackendGuards(GatewayProperties.Resilience settings) {
        this.settings = settings;
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpen())
                // Open → half-open by itself, so the state (and its gauge) recovers even with no traffic.
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(BackendGuards::isBackendFailure)
                .build());
        this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .build());
    }

    public static boolean isBackendFailure(Throwable error) {
        return BACKEND_FAILURES.contains(Status.fromThrowable(error).getCode());
    }

    public CircuitBreaker breaker(String backend) {
        return breakers.circuitBreaker(backend);
    }

    public Bulkhead bulkhead(String backend) {
        return bulkheads.bulkhead(backend);
    }

    public RetryBudget retryBudget(String backend) {
        return budgets.computeIfAbsent(backend, name -> new RetryBudget(
                settings.retryBudgetRatio(), settings.retryBudgetMinRetries(), settings.retryBudgetWindow()));
    }

    public CircuitBreakerRegistry breakers() {
        return breakers;
    }

    public BulkheadRegistry bulkheads() {
        return bulkheads;
    }

    public GatewayProperties.Resilience settings() {
        return settings;
    }
}
