package org.chorus.gateway;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What the gateway reads from {@code chorus.gateway.*}.
 *
 * @param backends       the gRPC address ({@code host:port}) of each service, keyed by the second part
 *                       of its proto package ({@code chorus.commissions.v1} → {@code commissions})
 * @param defaultTimeout the deadline of each call to a service
 * @param maxBodySize    the largest JSON body accepted; larger is refused with 413
 * @param retryAfter     what {@code Retry-After} says when a service cannot be reached
 * @param security       token checks
 */
@ConfigurationProperties("chorus.gateway")
public record GatewayProperties(
        @DefaultValue Map<String, String> backends,
        @DefaultValue("10s") Duration defaultTimeout,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("2s") Duration retryAfter,
        @DefaultValue Security security) {

    /**
     * @param audience  a token must name this audience in {@code aud}
     * @param clockSkew how far token times may be off; at most 60 seconds
     */
    public record Security(@DefaultValue("chorus") String audience, @DefaultValue("60s") Duration clockSkew) {
        public Security {
            if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("chorus.gateway.security.clock-skew must be between 0 and 60 seconds");
            }
        }
    }
}
