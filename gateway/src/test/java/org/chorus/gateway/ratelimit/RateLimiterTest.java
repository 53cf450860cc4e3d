package org.chorus.gateway.ratelimit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.chorus.gateway.GatewayProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private RateLimiter limiter(int perCaller, int instances) {
        return new RateLimiter(new GatewayProperties.RateLimits(true, perCaller, 1000, Duration.ofSeconds(10), instances, 10,
                new GatewayProperties.RateLimits.Database("", "", ""),
                new GatewayProperties.RateLimits.Store(4, 64, Duration.ofSeconds(1), Duration.ofSeconds(10))),
                new InMemoryRateLimitStore(), new SimpleMeterRegistry(), now::get);
    }

    @Test
    void eachOfThreeInstancesAllowsAThirdOfTheLimitRoundedUp() {
        RateLimiter limiter = limiter(10, 3);
        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            if (limiter.check("sub-1", null, "r").block().allowed()) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(4);
    }

    @Test
    void aNewWindowStartsAfresh() {
        RateLimiter limiter = limiter(2, 1);
        limiter.check("sub-1", null, "r").block();
        limiter.check("sub-1", null, "r").block();
        assertThat(limiter.check("sub-1", null, "r").block().allowed()).isFalse();

        now.addAndGet(10_000);

        RateLimiter.Decision decision = limiter.check("sub-1", null, "r").block();
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.remaining()).isEqualTo(1);
        assertThat(decision.resetSeconds()).isEqualTo(10);
    }
}
