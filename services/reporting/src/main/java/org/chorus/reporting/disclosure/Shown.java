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
     * hidden to protect another, so a reader cannot tell which. Under the NHS rule it hides a cell that
     * would have given a star away; rarely it is itself a star that nothing else can protect (a starred
     * total made of starred parts), so a reader learns only that it is at least 1.
     */
    record Hidden() implements Shown {
    }
}
