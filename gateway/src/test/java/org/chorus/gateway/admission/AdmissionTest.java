package org.chorus.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.chorus.gateway.GatewayProperties;
import org.chorus.gateway.backends.GrpcBackends;
import org.chorus.gateway.problem.Refused;
import org.chorus.gateway.ratelimit.InMemoryRateLimitStore;
import org.chorus.gateway.ratelimit.RateLimiter;
import org.chorus.gateway.resilience.BackendGuards;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class AdmissionTest {

    private static final Caller LEEDS_MEMBER = new Caller("sub-1", Optional.empty(), Set.of(), Map.of("leeds", Set.of(Role.MEMBER)));

    private final GatewayProperties.Resilience resilience = new GatewayProperties.Resilience(50, 4, 4, Duration.ofSeconds(5), 3, 1, 3,
            Duration.ofMillis(10), Duration.ofMillis(40), 0.1, 10, Duration.ofSeconds(10));
    private final GatewayProperties.RateLimits limits = new GatewayProperties.RateLimits(true, 2, 1000, Duration.ofMinutes(1), 1, 10,
            new GatewayProperties.RateLimits.Database("", "", ""),
            new GatewayProperties.RateLimits.Store(4, 64, Duration.ofSeconds(1), Duration.ofSeconds(10)));
    private final GatewayProperties properties = new GatewayProperties(Map.of("commissions", "127.0.0.1:1"), Duration.ofSeconds(10),
            Duration.ofSeconds(60), DataSize.ofMegabytes(1), Duration.ofSeconds(2), new GatewayProperties.Security("chorus", Duration.ofSeconds(60)),
            Map.of(), resilience, limits, new GatewayProperties.Grpc(false, 0), new GatewayProperties.Console("", "", "", ""), "", Duration.ZERO);
    private final BackendGuards guards = new BackendGuards(resilience);
    private final GrpcBackends backends = new GrpcBackends(properties.backends());
    private final Admission admission = new Admission(guards, new RateLimiter(limits, new InMemoryRateLimitStore(), new SimpleMeterRegistry()),
            backends, properties);

    @AfterEach
    void close() throws InterruptedException {
        backends.destroy();
    }

    @Test
    void aPermitHoldsOneBulkheadPlaceAndGivesItBackOnceHoweverOftenItIsReleased() {
        Bulkhead bulkhead = guards.bulkhead("commissions");
        BackendPermit permit = admission.acquire("commissions");

        assertRefused(() -> admission.acquire("commissions"), "BACKEND_BUSY");
        permit.succeeded(1_000);
        permit.release();
        permit.release();

        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
        assertThat(guards.breaker("commissions").getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    @Test
    void aBreakerPermissionWithNoOutcomeIsHandedBackUnusedAndAnOutcomeCountsOnce() {
        CircuitBreaker breaker = guards.breaker("commissions");
        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState();

        admission.acquire("commissions").release();
        BackendPermit failing = admission.acquire("commissions");
        failing.failed(1_000, Status.UNAVAILABLE.asRuntimeException());
        failing.failed(1_000, Status.UNAVAILABLE.asRuntimeException());
        failing.succeeded(1_000);
        failing.release();

        assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).as("the released permission counted nothing").isEqualTo(1);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void anOpenBreakerRefusesAndKeepsNoBulkheadPlace() {
        guards.breaker("commissions").transitionToOpenState();

        assertRefused(() -> admission.acquire("commissions"), "CIRCUIT_OPEN");
        assertThat(guards.bulkhead("commissions").getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
    }

    @Test
    void aRepeatAsksTheBreakerAgain() {
        BackendPermit permit = admission.acquire("commissions");
        permit.failed(1_000, Status.UNAVAILABLE.asRuntimeException());
        guards.breaker("commissions").transitionToOpenState();

        assertRefused(permit::nextAttempt, "CIRCUIT_OPEN");
        permit.release();
        assertThat(guards.bulkhead("commissions").getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
    }

    @Test
    void theGuardComesFirstThenTheLimitsThenTheBackend() {
        assertRefused(() -> admission.admit(LEEDS_MEMBER, "salford", "nowhere", "r").block(), "NOT_ALLOWED");
        assertRefused(() -> admission.admit(LEEDS_MEMBER, "leeds", "nowhere", "r").block(), "SERVICE_NOT_CONFIGURED");
        admission.admit(LEEDS_MEMBER, "leeds", "commissions", "r").block().release();
        assertRefused(() -> admission.admit(LEEDS_MEMBER, "leeds", "commissions", "r").block(), "RATE_LIMITED");
        assertThat(guards.bulkhead("commissions").getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
    }

    @Test
    void aCallAboutNoOneCommissionIsLeftToTheService() {
        admission.guard(LEEDS_MEMBER, null);
        assertRefused(() -> admission.guard(LEEDS_MEMBER, "hull"), "NOT_ALLOWED");
    }

    private static void assertRefused(ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOf(Refused.class)
                .extracting(refused -> ((Refused) refused).refusal().problem().reason()).isEqualTo(reason);
    }
}
