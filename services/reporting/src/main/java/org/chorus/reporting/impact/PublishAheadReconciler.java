package org.chorus.reporting.impact;

import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An inbound adapter driven by the clock: publishes again every year whose figures changed (disclosure control over
 * a network of a hundred commissions takes seconds), at most every {@code chorus.reporting.publish-every}, so that no
 * request waits for it and the work stays bounded however often the figures change. Each instance keeps its own
 * published years, so every instance runs this.
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

    @Scheduled(initialDelayString = "${chorus.reporting.read-feeds-after:5s}", fixedDelayString = "${chorus.reporting.publish-every:30s}")
    void publishAhead() {
        try {
            impact.publishAhead(LocalDate.now(clock.withZone(ImpactService.UK)).getYear());
        } catch (RuntimeException failure) {
            log.warn("Could not publish the changed figures; the last published stay until the next round: {}", failure.getMessage());
        }
    }
}
