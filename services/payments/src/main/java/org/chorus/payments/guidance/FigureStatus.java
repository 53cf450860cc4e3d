package org.chorus.payments.guidance;

/** How sure we are of a figure. Only a confirmed figure is shown to people as a fact. */
public enum FigureStatus {
    /** Checked against a published source for that tax year. */
    CONFIRMED,
    /** Worked out from confirmed figures the way the rule is set, but not yet published. */
    COMPUTED,
    /** From one source only, or carried forward from an earlier year: shown as "check this". */
    UNCONFIRMED,
    /** Not gathered at all: the engine says so and points to advice, never guesses. */
    UNKNOWN;

    /** True when people must be told to check the figure before relying on it. */
    public boolean needsChecking() {
        return this != CONFIRMED;
    }
}
