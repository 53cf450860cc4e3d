package org.chorus.reporting.disclosure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit statistical offices use (tau-Argus, sdcTable): for every hidden or starred cell, the least
 * and greatest value it can take given the table's sums and distinct counts and everything published,
 * found by linear programs, checked against how wide {@link Rule} asks the range to be.
 *
 * <p>The reader is assumed to know the table's sums, its distinct counts (each part at most the total,
 * the total at most the parts added up) and the rule. A hidden cell is at least 1, nothing
 * more. Under the NHS rule a figure p stands for p − 2 to p + 2 and at least 8 (facts and zeros are
 * exact), a starred count for 1 to 7, and a starred magnitude (hours, pence) only for at least 1. A cell
 * whose value equals its people is taken for a count, which can only make the audit stricter.
 */
public final class DisclosureAudit {

    private DisclosureAudit() {
    }

    public static AuditResult audit(Table table, Published published, Rule rule) {
        Shown[] shown = new Shown[table.size()];
        for (int i = 0; i < shown.length; i++) {
            shown[i] = published.of(table.id(i));
            if (shown[i] instanceof Shown.Small && !rule.isNhs()) {
                throw new IllegalArgumentException("Cell " + table.id(i) + " is starred, which only the NHS rule does");
            }
        }
        LinearAttack attack = new LinearAttack(table, rule, shown);
        List<Integer> suppressed = new ArrayList<>();
        for (int i = 0; i < shown.length; i++) {
            if (!(shown[i] instanceof Shown.Figure)) {
                suppressed.add(i);
            }
        }
        attack.probe(suppressed);
        Map<String, AuditResult.Range> cells = new LinkedHashMap<>();
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] instanceof Shown.Figure) {
                continue;
            }
            double[] range = attack.range(i);
            cells.put(table.id(i), new AuditResult.Range(range[0], range[1],
                    Protection.holds(table, rule, i, range[0], range[1])));
        }
        return new AuditResult(cells);
    }
}
