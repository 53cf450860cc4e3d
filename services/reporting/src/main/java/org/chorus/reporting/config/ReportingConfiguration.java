package org.chorus.reporting.config;

import org.chorus.reporting.disclosure.Rule;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring: the network's disclosure rule. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DisclosureProperties.class)
class ReportingConfiguration {

    @Bean
    Rule disclosureRule(DisclosureProperties properties) {
        return properties.nhsRule() ? Rule.nhs() : Rule.threshold(properties.threshold());
    }
}
