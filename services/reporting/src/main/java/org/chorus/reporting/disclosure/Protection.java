package org.chorus.reporting.disclosure;

/**
 * How wide the range a reader can work out for a suppressed cell must be for the cell to be safe.
 * <ul>
 * <li>Threshold rule k: at least k wide. A cell too small to publish whose value is a magnitude (hours,
 * pence) must also be at least a fifth of its value wide, the same as a ±10% protection interval (the
 * manual interval tau-Argus uses by default), so a few people's hours are not pinned down to within k.</li>
 * <li>NHS rule, a starred count: the range still allows both 1 and 7. A starred magnitude: at least 8
 * wide and a fifth of its value. A hidden cell: at least 4 wide, no narrower than its rounded figure
 * would have been.</li>
 * </ul>
 */
final class Protection {

    /** The width rounding to the nearest 5 leaves: a figure p stands for p − 2 to p + 2. */
    static final int ROUNDING_WIDTH = 4;

    private Protection() {
    }

    static boolean holds(Table table, Rule rule, int cell, Shown shown, double low, double high) {
        if (rule.isNhs() && shown instanceof Shown.Small && table.isCount(cell)) {
            return low <= 1 + LinearAttack.EPSILON && high >= Rule.NHS_THRESHOLD - 1 - LinearAttack.EPSILON;
        }
        return high - low >= width(table, rule, cell) - LinearAttack.EPSILON;
    }

    /** The width asked of a hidden cell, or of a starred magnitude. */
    static long width(Table table, Rule rule, int cell) {
        boolean tooSmall = rule.isSmall(table.people(cell));
        if (rule.isNhs() && !tooSmall) {
            return ROUNDING_WIDTH;
        }
        long width = rule.threshold();
        if (tooSmall && !table.isCount(cell)) {
            width = Math.max(width, (table.value(cell) + 4) / 5);
        }
        return width;
    }
}
