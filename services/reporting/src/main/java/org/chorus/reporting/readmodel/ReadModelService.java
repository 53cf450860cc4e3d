package org.chorus.reporting.readmodel;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.chorus.identity.Caller;
import org.chorus.platform.events.FeedCursors;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.stereotype.Service;

/**
 * Builds reporting's read models from the other services' feeds: each event and its feed's cursor move in one
 * transaction of the commission, so each event has its effect once, after any restart or replay; a feed that cannot
 * be read only delays the figures. Then the commission's figures are computed again for the network's copy
 * when anything changed.
 */
@Service
public class ReadModelService {

    static final String SELF = "chorus-reporting";
    /** Events that take effect in one transaction. */
    static final int BATCH = 250;

    private final Feeds feeds;
    private final ReadModels readModels;
    private final NetworkCells cells;
    private final FeedCursors cursors;
    private final CommissionTransactions transactions;
    private final Clock clock;

    public ReadModelService(Feeds feeds, ReadModels readModels, NetworkCells cells, FeedCursors cursors,
                            CommissionTransactions transactions, Clock clock) {
        this.feeds = feeds;
        this.readModels = readModels;
        this.cells = cells;
        this.cursors = cursors;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The commissions set up here. */
    public List<String> commissions() {
        return transactions.provisionedCommissions();
    }

    /**
     * Reads one feed of one commission to its end. Returns how many events took effect. Events take effect a batch
     * to a transaction, with the cursor; when a batch fails, its events are tried one to a transaction, so every event
     * before the one that cannot take effect does, and the feed stops there until it can.
     */
    public int follow(FeedEvent.Feed feed, String commission) {
        Caller self = self(commission);
        int applied = 0;
        List<FeedEvent> events;
        do {
            long after = transactions.inCommission(self, commission, () -> cursors.position(feed.cursor()));
            events = feeds.after(feed, commission, after);
            for (int from = 0; from < events.size(); from += BATCH) {
                List<FeedEvent> batch = events.subList(from, Math.min(events.size(), from + BATCH));
                try {
                    applied += apply(self, commission, feed, batch);
                } catch (RuntimeException failed) {
                    for (FeedEvent event : batch) {
                        applied += apply(self, commission, feed, List.of(event));
                    }
                }
            }
        } while (!events.isEmpty());
        return applied;
    }

    /** Has the events take effect in one transaction with the cursor; those read before are skipped. */
    private int apply(Caller self, String commission, FeedEvent.Feed feed, List<FeedEvent> events) {
        return transactions.inCommission(self, commission, () -> {
            long read = cursors.lockedPosition(feed.cursor());
            int took = 0;
            Instant newest = Instant.EPOCH;
            for (FeedEvent event : events) {
                if (event.sequence() > read) {
                    readModels.apply(event.fact(), event.sequence(), event.time());
                    newest = event.time().isAfter(newest) ? event.time() : newest;
                    took++;
                }
            }
            if (took > 0) {
                readModels.counted(took, newest);
                cursors.advance(feed.cursor(), events.getLast().sequence());
            }
            return took;
        });
    }

    /** Computes the commission's figures again for the network's copy, if its read models moved since. */
    public boolean refreshFigures(String commission) {
        Caller self = self(commission);
        ReadModels.Version version = transactions.inCommission(self, commission, readModels::version);
        if (version.events() == cells.versionOf(commission)) {
            return false;
        }
        // Read in one transaction: the figures and the version they come from agree.
        record Snapshot(Figures figures, ReadModels.Version version) {
        }
        Snapshot snapshot = transactions.inCommission(self, commission,
                () -> new Snapshot(readModels.figures(clock.instant()), readModels.version()));
        cells.store(commission, snapshot.figures(), snapshot.version());
        return true;
    }

    /** Forgets everything built from the feeds of one commission (outcomes stay); the next reads build it again from zero. */
    public void forget(String commission) {
        transactions.inCommission(self(commission), commission, () -> {
            readModels.forgetAll();
            return null;
        });
    }

    private static Caller self(String commission) {
        return Caller.service(SELF, commission);
    }
}
