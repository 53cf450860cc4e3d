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
 * services will not; it says which settings to change.
 */
public final class ProductionRefusesDevelopmentDefaults implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DevelopmentDefaults.refuseInProduction(List.of(environment.getActiveProfiles()), environment::getProperty);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
