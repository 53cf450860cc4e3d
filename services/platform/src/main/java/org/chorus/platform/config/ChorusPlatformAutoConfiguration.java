package org.chorus.platform.config;

import io.grpc.protobuf.services.HealthStatusManager;
import org.chorus.platform.grpc.DefaultDeadlineInterceptor;
import org.chorus.platform.grpc.GrpcErrors;
import org.chorus.platform.grpc.NotServingOnShutdown;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.grpc.server.autoconfigure.health.GrpcServerHealthAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GlobalClientInterceptor;

/**
 * What every Chorus service gets by adding the platform dependency: one error language, deadlines
 * on outgoing calls, and a graceful stop that reports NOT_SERVING first. The property defaults
 * (health, metrics, logs, shutdown) come from {@link ChorusServiceDefaults}.
 */
@AutoConfiguration(after = GrpcServerHealthAutoConfiguration.class)
@EnableConfigurationProperties(ChorusPlatformProperties.class)
public class ChorusPlatformAutoConfiguration {

    @Bean
    GrpcErrors chorusGrpcErrors() {
        return new GrpcErrors();
    }

    @Bean
    @GlobalClientInterceptor
    DefaultDeadlineInterceptor chorusDefaultDeadlineInterceptor(ChorusPlatformProperties properties) {
        return new DefaultDeadlineInterceptor(properties.clientDeadline());
    }

    @Bean
    @ConditionalOnBean(HealthStatusManager.class)
    NotServingOnShutdown chorusNotServingOnShutdown(HealthStatusManager health, ChorusPlatformProperties properties) {
        return new NotServingOnShutdown(health, properties.drainDelay());
    }
}
