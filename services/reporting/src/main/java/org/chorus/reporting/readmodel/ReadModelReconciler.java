package org.chorus.reporting.readmodel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An inbound adapter driven by the clock: brings every commission's read models up to date with the feeds of
 * commissions, membership and payments, then its figures. A feed that cannot be read is tried again next time.
 */
@Component
class ReadModelReconciler {

    private static final Logger log = LoggerFactory.getLogger(ReadModelReconciler.class);

    private final ReadModelService readModels;

    ReadModelReconciler(ReadModelService readModels) {
        this.readModels = readModels;
    }

    @Scheduled(initialDelayString = "${chorus.reporting.read-feeds-after:5s}", fixedDelayString = "${chorus.reporting.read-feeds-every:5s}")
    void readTheFeeds() {
        for (String commission : readModels.commissions()) {
            for (FeedEvent.Feed feed : FeedEvent.Feed.values()) {
                try {
                    int applied = readModels.follow(feed, commission);
                    if (applied > 0) {
                        log.info("Read {} events of the {} feed in commission {}", applied, feed.cursor(), commission);
                    }
                } catch (RuntimeException failure) {
                    log.warn("Could not read the {} feed of commission {}; will try again: {}", feed.cursor(), commission,
                            failure.getMessage());
                }
            }
            try {
                readModels.refreshFigures(commission);
            } catch (RuntimeException failure) {
                log.warn("Could not work out the figures of commission {}; will try again: {}", commission, failure.getMessage());
            }
        }
    }
}
