package org.chorus.reporting.readmodel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chorus.platform.events.MovedFeeds;
import org.chorus.platform.jobs.OneAtATime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An inbound adapter driven by the clock: brings every commission's read models up to date with the feeds of
 * commissions, membership and payments, and (less often) its figures. Each round asks each of the three services
 * which commissions' feeds moved and reads only those ({@link MovedFeeds}: one call per service, and every feed now
 * and then in any case), so a network of many quiet commissions does not keep every service busy. A feed that cannot
 * be read is tried again at the next round. How many events each feed was behind when last read is exported as
 * {@code chorus_event_feed_lag_events{service="reporting",feed,commission}}, which the alert
 * {@code ChorusEventFeedLagging} watches.
 */
@Component
class ReadModelReconciler {

    private static final Logger log = LoggerFactory.getLogger(ReadModelReconciler.class);

    private final ReadModelService readModels;
    private final OneAtATime jobs;
    private final MeterRegistry meters;
    private final MovedFeeds.Factory movedFeeds;
    private final Map<String, Integer> behind = new ConcurrentHashMap<>();
    private Map<FeedEvent.Feed, MovedFeeds> moved;
    private boolean rebuild;

    ReadModelReconciler(ReadModelService readModels, MeterRegistry meters, MovedFeeds.Factory movedFeeds,
                        @Value("${chorus.reporting.rebuild-on-start:false}") boolean rebuild, OneAtATime jobs) {
        this.readModels = readModels;
        this.jobs = jobs;
        this.meters = meters;
        this.movedFeeds = movedFeeds;
        this.moved = movedFeeds();
        this.rebuild = rebuild;
    }

    @Scheduled(initialDelayString = "${chorus.reporting.read-feeds-after:5s}", fixedDelayString = "${chorus.reporting.read-feeds-every:5s}")
    void readTheFeeds() {
        jobs.run("read-models", this::readTheFeedsNow);
    }

    /** One round, by this instance alone (the others skip it). */
    private void readTheFeedsNow() {
        if (rebuild) {
            // Started with chorus.reporting.rebuild-on-start: everything built from the feeds is built again from zero.
            readModels.commissions().forEach(readModels::forget);
            moved = movedFeeds();
            log.info("Forgot the read models of every commission; reading every feed again from the start");
            rebuild = false;
        }
        List<String> commissions = readModels.commissions();
        for (FeedEvent.Feed feed : FeedEvent.Feed.values()) {
            MovedFeeds feeds = moved.get(feed);
            for (String commission : feeds.toRead(commissions)) {
                try {
                    int applied = readModels.follow(feed, commission);
                    feeds.read(commission);
                    lag(feed, commission, applied);
                    if (applied > 0) {
                        log.info("Read {} events of the {} feed in commission {}", applied, feed.cursor(), commission);
                    }
                } catch (RuntimeException failure) {
                    log.warn("Could not read the {} feed of commission {}; will try again: {}", feed.cursor(), commission,
                            failure.getMessage());
                }
            }
        }
    }

    /** Whose feeds moved, per feed, each asked of the service that owns the feed (named as its cursor is). */
    private Map<FeedEvent.Feed, MovedFeeds> movedFeeds() {
        Map<FeedEvent.Feed, MovedFeeds> byFeed = new EnumMap<>(FeedEvent.Feed.class);
        for (FeedEvent.Feed feed : FeedEvent.Feed.values()) {
            byFeed.put(feed, movedFeeds.of(feed.cursor()));
        }
        return byFeed;
    }

    /**
     * Works out again the figures of every commission whose read models moved, as often as they are published
     * ({@code chorus.reporting.publish-every}): more often would be work nobody sees.
     */
    @Scheduled(initialDelayString = "${chorus.reporting.read-feeds-after:5s}", fixedDelayString = "${chorus.reporting.publish-every:30s}")
    void workOutTheFigures() {
        jobs.run("figures", () -> {
            for (String commission : readModels.commissions()) {
                try {
                    readModels.refreshFigures(commission);
                } catch (RuntimeException failure) {
                    log.warn("Could not work out the figures of commission {}; will try again: {}", commission, failure.getMessage());
                }
            }
        });
    }

    /** Records how many events the feed was behind when asked, registering its gauge the first time. */
    private void lag(FeedEvent.Feed feed, String commission, int events) {
        String key = commission + "/" + feed.cursor();
        if (behind.put(key, events) == null) {
            Gauge.builder("chorus.event.feed.lag.events", behind, by -> by.getOrDefault(key, 0))
                    .description("How many events a feed was behind when reporting last asked it")
                    .tags("service", "reporting", "feed", feed.cursor(), "commission", commission)
                    .register(meters);
        }
    }
}
