package org.chorus.reporting.impact;

import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An inbound adapter driven by the clock: after the figures change, publishes this year's and last year's tables
 * (disclosure control over every commission takes most of a second for a network of a hundred), so dashboards read
 * them at once.
 */
@Component
class PublishAheadReconciler {

    private static final Logger log = LoggerFactory.getLogger(PublishAheadReconciler.class);

    private final ImpactService impact;
    private final Clock clock;

    PublishAheadReconciler(ImpactService impact, Clock clock) {
        this.impact = impact;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${chorus.reporting.read-feeds-after:5s}", fixedDelayString = "${chorus.reporting.read-feeds-every:5s}")
    void publishAhead() {
        int year = LocalDate.now(clock.withZone(ImpactService.UK)).getYear();
        try {
            impact.publishAhead(year, year - 1);
        } catch (RuntimeException failure) {
            log.warn("Could not publish this year's figures ahead of time; the first request will: {}", failure.getMessage());
        }
    }
}
