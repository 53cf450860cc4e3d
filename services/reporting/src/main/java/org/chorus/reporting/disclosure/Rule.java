package org.chorus.reporting.disclosure;

/**
 * When a figure is too small to publish. Under a threshold rule a cell with 1 to {@code threshold − 1}
 * people behind it is hidden. Under the NHS rule ({@code isNhs}, threshold 8) such a cell is shown as
 * "*", and every other figure that is not a fact is rounded to the nearest 5. (The flag is
 * {@code isNhs}, not {@code nhs}: a component {@code nhs} would clash with the factory {@link #nhs()}.)
 */
public record Rule(int threshold, boolean isNhs) {

    /** The NHS rule stars 1 to 7 people, so its threshold is 8. */
    static final int NHS_THRESHOLD = 8;

    public Rule {
        if (threshold < 2) {
            throw new IllegalArgumentException("The threshold must be at least 2, not " + threshold);
        }
        if (isNhs && threshold != NHS_THRESHOLD) {
            throw new IllegalArgumentException("The NHS rule stars 1 to 7 people, so its threshold is 8, not " + threshold);
        }
    }

    /** Hide every cell with 1 to k − 1 people behind it; k is at least 2 (the network's setting is 10). */
    public static Rule threshold(int k) {
        return new Rule(k, false);
    }

    /** NHS Digital's rule: 1 to 7 shown as "*", every other figure rounded to the nearest 5, 0 shown as 0. */
    public static Rule nhs() {
        return new Rule(NHS_THRESHOLD, true);
    }

    /** Whether this many people are too few to publish: the primary suppression. */
    boolean isSmall(long people) {
        return people >= 1 && people < threshold;
    }
}
