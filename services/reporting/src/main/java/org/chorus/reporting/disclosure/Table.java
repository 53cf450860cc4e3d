package org.chorus.reporting.disclosure;
import java.util.*;
public final class Table {
    final Map<String, long[]> cells = new LinkedHashMap<>();
    public static Builder builder() { return new Builder(); }
    public static final class Builder {
        final Table t = new Table();
        public Builder cell(String id, long value, long people) { t.cells.put(id, new long[] {value, people}); return this; }
        public Builder fact(String id, long value) { t.cells.put(id, new long[] {value, -1}); return this; }
        public Builder sum(String total, List<String> parts) { return this; }
        public Table build() { return t; }
    }
}
