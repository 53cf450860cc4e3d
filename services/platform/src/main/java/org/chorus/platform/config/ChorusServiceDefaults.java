package org.chorus.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code chorus-service-defaults.properties} as the lowest-precedence property source, so
 * every service starts with the same health, metrics, logging and shutdown settings and can still
 * override any of them in its own configuration.
 */
public final class ChorusServiceDefaults implements EnvironmentPostProcessor {

    static final String NAME = "chorusServiceDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(NAME)) {
            return;
        }
        try {
            environment.getPropertySources().addLast(
                    new ResourcePropertySource(NAME, new ClassPathResource("chorus-service-defaults.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException("The platform's default settings are missing from the classpath", e);
        }
    }
}
