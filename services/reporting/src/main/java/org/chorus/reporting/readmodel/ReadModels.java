package org.chorus.reporting.readmodel;

import java.time.Instant;

/** Reporting's read models of the commission whose transaction is open. */
public interface ReadModels {

    /** Has one event's fact take effect (null: none). */
    void apply(FeedEvent.Fact fact, long sequence, Instant time);

    /** Counts {@code events} more events applied, the newest at {@code newest}: the version moves. */
    void counted(int events, Instant newest);

    /** Forgets everything built from the feeds (never the outcomes), and every feed's cursor. */
    void forgetAll();

    /** The commission's figures by measure and period (every month, quarter and year with any), as of {@code now}. */
    Figures figures(Instant now);

    /** How many events have taken effect, and the newest one's time (null before the first). */
    Version version();

    /** A read model's version: the number of events applied, and the newest one's time. */
    record Version(long events, Instant newestEvent) {
    }
}
