package org.chorus.reporting.disclosure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** For every hidden or starred cell, in the table's order: what a reader can work out about it. */
public record AuditResult(Map<String, Range> cells) {

    /**
     * The least and greatest value a reader cannot rule out ({@code max} is infinite when nothing bounds
     * it), and whether that is wide enough for the rule.
     */
    public record Range(double min, double max, boolean isProtected) {
    }

    public AuditResult {
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    public boolean allProtected() {
        return cells.values().stream().allMatch(Range::isProtected);
    }

    /** The ids of the cells a reader can narrow down too far. */
    public List<String> unprotected() {
        return cells.entrySet().stream().filter(e -> !e.getValue().isProtected()).map(Map.Entry::getKey).toList();
    }
}
