package org.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The gateway, started in production with what its jar ships, refuses and names each setting; without the profile it starts. */
class ProductionRefusesDevelopmentDefaultsTest {

    @Test
    void productionWithTheJarsOwnSecretsDoesNotStart() {
        SpringApplication production = new SpringApplicationBuilder(GatewayApplication.class).profiles("production").build();

        assertThatThrownBy(() -> production.run("--server.port=0", "--chorus.gateway.grpc.enabled=false",
                "--chorus.gateway.rate-limits.database.password=postgres"))
                .hasStackTraceContaining("chorus.gateway.console.client-secret is the development value: set CHORUS_GATEWAY_CONSOLE_CLIENTSECRET")
                .hasStackTraceContaining("chorus.gateway.rate-limits.database.password is the development value")
                .satisfies(refusal -> assertThat(refusal.toString()).doesNotContain("chorus-gateway-dev-secret"));
    }

    @Test
    void productionWithRealSecretsStarts() {
        SpringApplication production = new SpringApplicationBuilder(GatewayApplication.class).profiles("production").build();

        assertThatCode(() -> {
            try (ConfigurableApplicationContext ignored = production.run("--server.port=0", "--chorus.gateway.grpc.enabled=false",
                    "--chorus.gateway.console.client-secret=a-real-secret-from-a-file")) {
                assertThat(ignored.isActive()).isTrue();
            }
        }).doesNotThrowAnyException();
    }
}
