package org.chorus.reporting.readmodel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chorus.platform.jobs.OneAtATime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An inbound adapter driven by the clock: brings every commission's read models up to date with the feeds of
 * commissions, membership and payments, and (less often) its figures. A feed that had nothing new is asked again
 * less often (the wait doubles, up to {@code chorus.reporting.quiet-feeds-every}), so a network of many quiet
 * commissions does not keep every service busy; a feed with news is asked again at the next round. A feed that cannot be read is tried
 * again later. How many events each feed was behind when last asked is exported as
 * {@code chorus_event_feed_lag_events{service="reporting",feed,commission}}, which the alert
 * {@code ChorusEventFeedLagging} watches.
 */
@Component
class ReadModelReconciler {

    private static final Logger log = LoggerFactory.getLogger(ReadModelReconciler.class);

    private final ReadModelService readModels;
    private final OneAtATime jobs;
    private final Clock clock;
    private final Duration quietAtMost;
    private final MeterRegistry meters;
    private final Map<String, Wait> waits = new ConcurrentHashMap<>();
    private final Map<String, Integer> behind = new ConcurrentHashMap<>();
    private boolean rebuild;

    /** When a feed of a commission is next asked, and how long it waited last. */
    private record Wait(Instant next, Duration last) {
    }

    ReadModelReconciler(ReadModelService readModels, Clock clock, MeterRegistry meters,
                        @Value("${chorus.reporting.quiet-feeds-every:30s}") Duration quietAtMost,
                        @Value("${chorus.reporting.rebuild-on-start:false}") boolean rebuild, OneAtATime jobs) {
        this.readModels = readModels;
        this.jobs = jobs;
        this.clock = clock;
        this.meters = meters;
        this.quietAtMost = quietAtMost;
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
            log.info("Forgot the read models of every commission; reading every feed again from the start");
            rebuild = false;
        }
        for (String commission : readModels.commissions()) {
            for (FeedEvent.Feed feed : FeedEvent.Feed.values()) {
                String key = commission + "/" + feed.cursor();
                Wait wait = waits.get(key);
                Instant now = clock.instant();
                if (wait != null && now.isBefore(wait.next())) {
                    continue;
                }
                int applied = 0;
                try {
                    applied = readModels.follow(feed, commission);
                    lag(key, feed, commission, applied);
                    if (applied > 0) {
                        log.info("Read {} events of the {} feed in commission {}", applied, feed.cursor(), commission);
                    }
                } catch (RuntimeException failure) {
                    log.warn("Could not read the {} feed of commission {}; will try again: {}", feed.cursor(), commission,
                            failure.getMessage());
                }
                Duration next = applied > 0 || wait == null ? Duration.ZERO
                        : wait.last().isZero() ? Duration.ofSeconds(5) : min(wait.last().multipliedBy(2), quietAtMost);
                waits.put(key, new Wait(now.plus(next), next));
            }
        }
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
    private void lag(String key, FeedEvent.Feed feed, String commission, int events) {
        if (behind.put(key, events) == null) {
            Gauge.builder("chorus.event.feed.lag.events", behind, by -> by.getOrDefault(key, 0))
                    .description("How many events a feed was behind when reporting last asked it")
                    .tags("service", "reporting", "feed", feed.cursor(), "commission", commission)
                    .register(meters);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
