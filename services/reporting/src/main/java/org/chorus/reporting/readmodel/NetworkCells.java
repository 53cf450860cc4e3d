package org.chorus.reporting.readmodel;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every commission's figures in one place (the network schema), so that a network roll-up is one read: aggregates
 * only, before disclosure control, never shown without it.
 */
public interface NetworkCells {

    /** The read-model version the commission's figures were last computed from (-1 before the first time). */
    long versionOf(String commission);

    /** Replaces the commission's figures with {@code figures}, computed from {@code version}. */
    void store(String commission, Figures figures, ReadModels.Version version);

    /** Every commission's figures in the periods of one year, by commission. */
    Map<String, Figures> ofYear(int year);

    /** A number that changes whenever any commission's figures change. */
    long generation();

    /** The newest event any of {@code commissions}' figures include (null: none). */
    Instant newestEvent(List<String> commissions);
}
