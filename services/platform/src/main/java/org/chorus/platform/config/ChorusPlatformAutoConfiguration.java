package org.chorus.platform.config;

import io.grpc.BindableService;
import io.grpc.protobuf.services.HealthStatusManager;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Clock;
import org.chorus.identity.ChorusTokens;
import org.chorus.platform.grpc.DefaultDeadlineInterceptor;
import org.chorus.platform.grpc.GrpcErrors;
import org.chorus.platform.grpc.NotServingOnShutdown;
import org.chorus.platform.members.CommissionMembers;
import org.chorus.platform.members.MembershipCommissionMembers;
import org.chorus.platform.security.CallerInterceptor;
import org.chorus.platform.security.DeclaredAccessCheck;
import org.chorus.platform.security.ServiceCredentials;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.grpc.server.autoconfigure.health.GrpcServerHealthAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GlobalClientInterceptor;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * What every Chorus service gets by adding the platform dependency: one error language, deadlines
 * on outgoing calls, a graceful stop that reports NOT_SERVING first, and the check of every call's
 * token against the access its contract declares on each method (deny by default). The property defaults
 * (health, metrics, logs, shutdown) come from {@link ChorusServiceDefaults}.
 */
@AutoConfiguration(after = GrpcServerHealthAutoConfiguration.class)
@EnableConfigurationProperties({ChorusPlatformProperties.class, ChorusIdentityProperties.class})
public class ChorusPlatformAutoConfiguration {

    /** Finished spans to the log as well (the system tests follow a trace there); off unless asked for. */
    @Bean
    @ConditionalOnProperty(name = "chorus.tracing.log-spans", havingValue = "true")
    SpanExporter chorusLoggedSpans() {
        return new LoggedSpans();
    }

    /** Who is in a commission, as the membership service says (on the {@code membership} channel). */
    @Bean
    @ConditionalOnMissingBean
    CommissionMembers chorusCommissionMembers(GrpcChannelFactory channels) {
        return new MembershipCommissionMembers(channels);
    }

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
    @ConditionalOnMissingBean
    JwtDecoder chorusJwtDecoder(ChorusIdentityProperties identity) {
        return ChorusTokens.decoder(identity.issuerUri(), identity.jwkSetUri());
    }

    /** This service's own identity, for calls it makes on its own behalf. */
    @Bean
    ServiceCredentials chorusServiceCredentials(ChorusIdentityProperties identity) {
        return new ServiceCredentials(identity.tokenUri(), identity.serviceClientId(), identity.serviceClientSecret(),
                Clock.systemUTC());
    }

    @Bean
    @GlobalServerInterceptor
    CallerInterceptor chorusCallerInterceptor(JwtDecoder tokens) {
        return new CallerInterceptor(tokens);
    }

    /** A service with an RPC whose contract declares no access does not start. */
    @Bean
    DeclaredAccessCheck chorusDeclaredAccessCheck(ObjectProvider<BindableService> services) {
        return new DeclaredAccessCheck(services);
    }

    @Bean
    @ConditionalOnBean(HealthStatusManager.class)
    NotServingOnShutdown chorusNotServingOnShutdown(HealthStatusManager health, ChorusPlatformProperties properties) {
        return new NotServingOnShutdown(health, properties.drainDelay());
    }
}
