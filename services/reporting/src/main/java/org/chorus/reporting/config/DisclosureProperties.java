package org.chorus.reporting.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the network hides small numbers ({@code chorus.reporting.disclosure.*}): a threshold (figures about fewer
 * people are hidden, with whatever they could be worked out from), or NHS Digital's rule (1 to 7 shown as "fewer
 * than 8", everything else rounded to 5).
 *
 * @param threshold the smallest number of people a shown figure may be about; at least 2
 * @param nhsRule   whether to use NHS Digital's rule instead
 */
@ConfigurationProperties("chorus.reporting.disclosure")
public record DisclosureProperties(@DefaultValue("10") int threshold, @DefaultValue("false") boolean nhsRule) {
}
