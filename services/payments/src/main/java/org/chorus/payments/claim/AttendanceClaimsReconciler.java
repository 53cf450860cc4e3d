package org.chorus.payments.claim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.chorus.identity.Caller;
import org.chorus.payments.claim.ClaimService.FromAttendance;
import org.chorus.payments.claim.CommissionFeed.Event;
import org.chorus.platform.events.FeedCursors;
import org.chorus.platform.events.MovedFeeds;
import org.chorus.platform.jobs.OneAtATime;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An inbound adapter driven by the clock: reads each commission's events from the commissions
 * service after the stored cursor and makes a claim for each attendance recorded or confirmed by a
 * facilitator, and follows a facilitator's later correction of it (see {@link ClaimService#fromAttendance}).
 * Attendance a person records for themself changes nothing until a facilitator confirms it, as when a
 * claim is made. Each event and the cursor move in one transaction, and the claim remembers the last
 * event applied to it, so a restart or a replay never makes a claim twice or applies a correction twice;
 * a commissions service that is down only delays claims. Each round reads only the commissions whose
 * feed moved ({@link MovedFeeds}), so a network of many quiet commissions costs one call a round; a
 * round every 2 s means a claim shows a moment after the attendance is saved, for that one call.
 */
@Component
class AttendanceClaimsReconciler {

    static final String FEED = "commissions";
    private static final Logger log = LoggerFactory.getLogger(AttendanceClaimsReconciler.class);

    private final OneAtATime jobs;
    private final CommissionFeed feed;
    private final ClaimService claims;
    private final FeedCursors cursors;
    private final CommissionTransactions transactions;
    private final MovedFeeds moved;

    AttendanceClaimsReconciler(CommissionFeed feed, ClaimService claims, FeedCursors cursors, CommissionTransactions transactions, OneAtATime jobs,
                               MovedFeeds.Factory movedFeeds) {
        this.jobs = jobs;
        this.moved = movedFeeds.of(FEED);
        this.feed = feed;
        this.claims = claims;
        this.cursors = cursors;
        this.transactions = transactions;
    }

    @Scheduled(initialDelayString = "${chorus.payments.claims-from-attendance-after:5s}",
            fixedDelayString = "${chorus.payments.claims-from-attendance-every:2s}")
    void readTheFeeds() {
        jobs.run("claims-from-attendance", this::readTheFeedsNow);
    }

    /** One round, by this instance alone (the others skip it). */
    private void readTheFeedsNow() {
        for (String commission : moved.toRead(transactions.provisionedCommissions())) {
            try {
                int made = follow(commission);
                moved.read(commission);
                if (made > 0) {
                    log.info("Made {} claims from attendance in commission {}", made, commission);
                }
            } catch (RuntimeException failure) {
                log.warn("Could not read the commissions feed of commission {}; will try again: {}", commission, failure.getMessage());
            }
        }
    }

    /** Reads the commission's feed to its end. Returns how many claims were made (corrections are logged, not counted). */
    int follow(String commission) {
        Caller self = Caller.service("chorus-payments", commission);
        int made = 0;
        int corrected = 0;
        List<Event> events;
        do {
            long after = transactions.inCommission(self, commission, () -> cursors.position(FEED));
            events = feed.after(commission, after);
            for (Event event : events) {
                FromAttendance done = transactions.inCommission(self, commission, () -> {
                    if (!cursors.advance(FEED, event.sequence())) {
                        return FromAttendance.NOTHING;
                    }
                    var a = event.attendance();
                    return a != null && a.recordedOnBehalf()
                            ? claims.fromAttendance(commission, event.sequence(), a.session(), a.member(), a.attended(), a.minutes(),
                            day(a.sessionStartTime()), event.actor())
                            : FromAttendance.NOTHING;
                });
                made += done == FromAttendance.MADE ? 1 : 0;
                corrected += done != FromAttendance.MADE && done != FromAttendance.NOTHING ? 1 : 0;
            }
        } while (!events.isEmpty());
        if (corrected > 0) {
            log.info("Followed {} corrections of attendance in commission {}", corrected, commission);
        }
        return made;
    }

    private static LocalDate day(String startTime) {
        return LocalDate.ofInstant(Instant.parse(startTime), ZoneOffset.UTC);
    }
}
