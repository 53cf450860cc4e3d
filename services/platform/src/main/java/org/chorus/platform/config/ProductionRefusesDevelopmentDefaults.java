package org.chorus.platform.config;

import java.util.List;
import org.chorus.platform.safety.DevelopmentDefaults;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * With the {@code production} profile (the images' default), a service will not start while any
 * development secret or key is still set ({@link DevelopmentDefaults}); it says which settings to change,
 * never their values. Runs after every configuration source is read, the platform's defaults included.
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
