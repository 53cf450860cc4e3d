package org.chorus.payments.benefits;

import java.time.Clock;
import java.util.Map;
import org.chorus.payments.guidance.GuidanceEngine;
import org.chorus.payments.guidance.RulesBook;
import org.chorus.platform.crypto.SealingKeys;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wiring only: the rules, the engine, and the cipher for saved situations (start-up fails without a good key). */
@Configuration(proxyBeanMethods = false)
class BenefitsGuidanceConfiguration {

    @Bean
    RulesBook benefitsRules() {
        return RulesBook.fromClasspath();
    }

    @Bean
    GuidanceEngine guidanceEngine(RulesBook rules) {
        return new GuidanceEngine(rules);
    }

    /**
     * {@code chorus.payments.situation-key} (base64 of 32 bytes), {@code chorus.payments.situation-key-id},
     * and optionally {@code chorus.payments.retired-situation-keys.<id>} for rows sealed with older keys.
     */
    @Bean
    SealingKeys situationCipher(Environment environment) {
        Map<String, String> retired = Binder.get(environment)
                .bind("chorus.payments.retired-situation-keys", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        return SealingKeys.fromConfiguration("chorus.payments.situation-key", environment.getProperty("chorus.payments.situation-key-id"),
                environment.getProperty("chorus.payments.situation-key"), retired);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
