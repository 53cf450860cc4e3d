package org.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway, started in production with what its jar ships, refuses and names each setting; with real secrets and a
 * management port of its own it starts, and its health and metrics are not on the public port.
 */
class ProductionRefusesDevelopmentDefaultsTest {

    @Test
    void productionWithTheJarsOwnSecretsDoesNotStart() {
        SpringApplication production = new SpringApplicationBuilder(GatewayApplication.class).profiles("production").build();

        assertThatThrownBy(() -> production.run("--server.port=0", "--chorus.gateway.grpc.enabled=false",
                "--chorus.gateway.rate-limits.database.password=postgres"))
                .hasStackTraceContaining("chorus.gateway.console.client-secret is the development value: set CHORUS_GATEWAY_CONSOLE_CLIENTSECRET")
                .hasStackTraceContaining("chorus.gateway.rate-limits.database.password is the development value")
                .hasStackTraceContaining("management.server.port is the public port: set MANAGEMENT_SERVER_PORT")
                .satisfies(refusal -> assertThat(refusal.toString()).doesNotContain("chorus-gateway-dev-secret"));
    }

    @Test
    void productionWithRealSecretsStartsAndServesHealthAndMetricsOnlyOnItsManagementPort() throws Exception {
        SpringApplication production = new SpringApplicationBuilder(GatewayApplication.class).profiles("production").build();

        try (ConfigurableApplicationContext gateway = production.run("--server.port=0", "--management.server.port=0",
                "--chorus.gateway.grpc.enabled=false", "--chorus.gateway.console.client-secret=a-real-secret-from-a-file");
             HttpClient http = HttpClient.newHttpClient()) {
            assertThat(gateway.isActive()).isTrue();
            String publicPort = gateway.getEnvironment().getRequiredProperty("local.server.port");
            String managementPort = gateway.getEnvironment().getRequiredProperty("local.management.port");
            assertThat(status(http, publicPort, "/actuator/prometheus")).as("not on the public port").isEqualTo(404);
            assertThat(status(http, publicPort, "/actuator/health")).isEqualTo(404);
            assertThat(status(http, managementPort, "/actuator/prometheus")).isEqualTo(200);
            assertThat(status(http, managementPort, "/actuator/health/liveness")).isEqualTo(200);
        }
    }

    @Test
    void theActuatorIsOnThePublicPortWhenItHasNoPortOfItsOwn() {
        assertThat(ProductionRefusesDevelopmentDefaults.actuatorOnThePublicPort("8080", null)).isTrue();
        assertThat(ProductionRefusesDevelopmentDefaults.actuatorOnThePublicPort("8080", "8080")).isTrue();
        assertThat(ProductionRefusesDevelopmentDefaults.actuatorOnThePublicPort("8080", "8081")).isFalse();
        assertThat(ProductionRefusesDevelopmentDefaults.actuatorOnThePublicPort("0", "0")).as("two random ports").isFalse();
    }

    private static int status(HttpClient http, String port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
