package org.chorus.gateway;

import java.util.List;
import org.chorus.platform.safety.DevelopmentDefaults;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * With the {@code production} profile (the images' default), the gateway will not start while a development secret is
 * still set (the sign-in client's secret, the rate-limit database's password: {@link DevelopmentDefaults}), as the
 * services will not, or while its health and metrics are served on its public port; it says which settings to change.
 */
public final class ProductionRefusesDevelopmentDefaults implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DevelopmentDefaults.refuseInProduction(List.of(environment.getActiveProfiles()), environment::getProperty,
                actuatorOnThePublicPort(environment.getProperty("server.port", "8080"), environment.getProperty("management.server.port"))
                        ? List.of("management.server.port is the public port: set MANAGEMENT_SERVER_PORT to a port of its own (8081 in "
                        + "the images), so that health and metrics are not served to the internet.")
                        : List.of());
    }

    /** Whether Spring Boot would serve the actuator on the public port: no port of its own, or the same one (0 is a random other). */
    static boolean actuatorOnThePublicPort(String serverPort, String managementPort) {
        return managementPort == null || managementPort.isBlank()
                || (!managementPort.strip().equals("0") && managementPort.strip().equals(serverPort.strip()));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
