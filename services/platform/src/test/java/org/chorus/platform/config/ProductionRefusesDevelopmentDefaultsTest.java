package org.chorus.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Production will not start with a development secret or key, and says which setting to change without showing it. */
class ProductionRefusesDevelopmentDefaultsTest {

    private final SpringApplication application = new SpringApplication();

    private StandardEnvironment environment(String profile, Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        if (profile != null) {
            environment.setActiveProfiles(profile);
        }
        new ChorusServiceDefaults().postProcessEnvironment(environment, application);
        return environment;
    }

    @Test
    void productionWithTheShippedDefaultsRefusesToStartNamingEachSetting() {
        StandardEnvironment production = environment("production", Map.of("spring.flyway.password", "postgres",
                "chorus.personal-data.key", "ZGV2LW9ubHktcGVyc29uYWwtZGF0YS1rZXktMzJieSE="));

        assertThatThrownBy(() -> new ProductionRefusesDevelopmentDefaults().postProcessEnvironment(production, application))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.flyway.password")
                .hasMessageContaining("chorus.personal-data.key is the development value: set CHORUS_PERSONAL_DATA_KEY")
                .as("the service's own defaults count too").hasMessageContaining("chorus.identity.service-client-secret")
                .hasMessageNotContaining("ZGV2LW9ubHktcGVyc29uYWwtZGF0YS1rZXktMzJieSE=");
    }

    @Test
    void productionWithItsOwnSecretsStartsAndDevelopmentIsNotChecked() {
        StandardEnvironment production = environment("production", Map.of("spring.flyway.password", "a-real-owner-password",
                "chorus.identity.service-client-secret", "a-real-client-secret",
                "chorus.database.application-password", "a-real-application-password"));
        assertThatCode(() -> new ProductionRefusesDevelopmentDefaults().postProcessEnvironment(production, application))
                .doesNotThrowAnyException();

        StandardEnvironment development = environment(null, Map.of("spring.flyway.password", "postgres"));
        assertThatCode(() -> new ProductionRefusesDevelopmentDefaults().postProcessEnvironment(development, application))
                .doesNotThrowAnyException();
        assertThat(development.getProperty("chorus.identity.service-client-secret")).isEqualTo("chorus-services-dev-secret");
    }
}
