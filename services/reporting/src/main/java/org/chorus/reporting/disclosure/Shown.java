package org.chorus.reporting.disclosure;

/** What a reader sees for one cell. */
public sealed interface Shown {

    /** A figure: exact, or rounded to the nearest 5 under the NHS rule (facts and zeros are always exact). */
    record Figure(long value) implements Shown {
    }

    /** NHS rule only: the "*" for 1 to 7 people. */
    record Small() implements Shown {
    }

    /**
     * Hidden. Under a threshold rule every hidden cell looks like this, whether it was too small itself or
     * hidden to protect another, so a reader cannot tell which. Under the NHS rule it hides a cell of 8 or
     * more people that would have given a starred cell away.
     */
    record Hidden() implements Shown {
    }
}
