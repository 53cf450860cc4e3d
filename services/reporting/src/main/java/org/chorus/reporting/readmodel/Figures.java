package org.chorus.reporting.readmodel;

import java.util.Map;

/**
 * One commission's figures before any disclosure control, by measure and period ({@code 2026}, {@code 2026-Q1},
 * {@code 2026-03}): for each, the value and how many people are behind it ({@code -1}: not about people).
 */
public record Figures(Map<Key, Cell> cells) {

    public Figures {
        cells = Map.copyOf(cells);
    }

    /** A measure in a period. */
    public record Key(Measure measure, String period) {
    }

    /** A figure and the people behind it. */
    public record Cell(long value, long people) {
        public static final Cell NONE = new Cell(0, 0);
    }

    public Cell of(Measure measure, String period) {
        return cells.getOrDefault(new Key(measure, period), measure.kind() == Measure.Kind.FACT ? new Cell(0, -1) : Cell.NONE);
    }
}
