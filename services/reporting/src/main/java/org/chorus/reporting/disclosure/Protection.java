package org.chorus.reporting.disclosure;

/**
 * How wide the range a reader can work out for a suppressed cell must be for the cell to be safe.
 * <ul>
 * <li>Threshold rule k: at least k wide. A cell too small to publish whose value is a magnitude (hours,
 * pence) must also be at least a fifth of its value wide, the same as a ±10% protection interval (the
 * manual interval tau-Argus uses by default), so a few people's hours are not pinned down to within k.</li>
 * <li>NHS rule, a count of 1 to 7 (starred, or hidden): the range still allows both 7 and 1, or for a
 * total of n cells that are not zero, n (the shape of the table alone tells that much). A magnitude
 * with 1 to 7 people: at least 8 wide and a fifth of its value. Any other hidden cell: at least 4 wide,
 * no narrower than its rounded figure would have been.</li>
 * </ul>
 */
final class Protection {

    /** The width rounding to the nearest 5 leaves: a figure p stands for p − 2 to p + 2. */
    static final int ROUNDING_WIDTH = 4;

    private Protection() {
    }

    static boolean holds(Table table, Rule rule, int cell, double low, double high) {
        if (isSmallNhsCount(table, rule, cell)) {
            return low <= Math.max(1, table.leastFromShape(cell)) + LinearAttack.EPSILON
                    && high >= Rule.NHS_THRESHOLD - 1 - LinearAttack.EPSILON;
        }
        return high - low >= width(table, rule, cell) - LinearAttack.EPSILON;
    }

    /** A count of 1 to 7 people under the NHS rule, starred or (where nothing else protects it) hidden. */
    static boolean isSmallNhsCount(Table table, Rule rule, int cell) {
        return rule.isNhs() && rule.isSmall(table.people(cell)) && table.isCount(cell);
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
