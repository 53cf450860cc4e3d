package org.chorus.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the platform's defaults as the lowest-precedence property sources, so every service starts
 * with the same health, metrics, logging and shutdown settings and can still override any of them
 * in its own configuration: {@code chorus-service-defaults.properties}, and before it (so winning
 * over it) {@code chorus-jdbc-defaults.properties} when the service keeps data (chorus-platform-jdbc).
 */
public final class ChorusServiceDefaults implements EnvironmentPostProcessor, Ordered {

    static final String NAME = "chorusServiceDefaults";
    static final String JDBC_NAME = "chorusJdbcDefaults";

    /** Just before the last, so that {@link ProductionRefusesDevelopmentDefaults} sees these defaults too. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(NAME)) {
            return;
        }
        ClassPathResource jdbc = new ClassPathResource("chorus-jdbc-defaults.properties");
        try {
            if (jdbc.exists()) {
                environment.getPropertySources().addLast(new ResourcePropertySource(JDBC_NAME, jdbc));
            }
            environment.getPropertySources().addLast(
                    new ResourcePropertySource(NAME, new ClassPathResource("chorus-service-defaults.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException("The platform's default settings are missing from the classpath", e);
        }
    }
}
