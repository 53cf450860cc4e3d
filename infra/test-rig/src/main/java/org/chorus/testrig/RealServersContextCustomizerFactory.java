package org.chorus.testrig;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@link UseRealPostgres} and {@link UseRealKeycloak} on a test class and adds the
 * matching properties, ahead of every other property source. Registered in
 * {@code META-INF/spring.factories}. The customizer is a record, so tests with the same
 * annotations share a cached application context.
 */
public final class RealServersContextCustomizerFactory implements ContextCustomizerFactory {

    static final String PROPERTY_SOURCE = "chorusRealServers";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        UseRealPostgres postgres = TestContextAnnotationUtils.findMergedAnnotation(testClass, UseRealPostgres.class);
        UseRealKeycloak keycloak = TestContextAnnotationUtils.findMergedAnnotation(testClass, UseRealKeycloak.class);
        if (postgres == null && keycloak == null) {
            return null;
        }
        return new RealServersCustomizer(postgres == null ? null : postgres.database(), keycloak != null);
    }

    record RealServersCustomizer(String database, boolean keycloak) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            Map<String, Object> properties = new LinkedHashMap<>();
            if (database != null) {
                RealPostgres postgres = RealPostgres.get();
                properties.put("spring.datasource.url", postgres.jdbcUrl(database));
                properties.put("spring.flyway.user", postgres.username());
                properties.put("spring.flyway.password", postgres.password());
            }
            if (keycloak) {
                String issuer = RealKeycloak.get().issuerUri();
                properties.put("chorus.identity.issuer-uri", issuer);
                properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer);
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        }
    }
}
