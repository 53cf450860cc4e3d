package org.chorus.platform.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The platform's own settings, under {@code chorus.grpc}.
 *
 * @param clientDeadline the deadline of an outgoing call that sets none ({@code chorus.grpc.client-deadline})
 * @param drainDelay how long a stopping service reports NOT_SERVING before it stops taking calls
 *                   ({@code chorus.grpc.drain-delay}); set it to the load balancer's check interval
 */
@ConfigurationProperties("chorus.grpc")
public record ChorusPlatformProperties(Duration clientDeadline, Duration drainDelay) {
    public ChorusPlatformProperties {
        clientDeadline = clientDeadline == null ? Duration.ofSeconds(5) : clientDeadline;
        drainDelay = drainDelay == null ? Duration.ZERO : drainDelay;
    }
}
