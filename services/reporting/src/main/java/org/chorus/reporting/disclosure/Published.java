package org.chorus.reporting.disclosure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a reader sees of a table, cell by cell, in the order the table declared them. */
public record Published(Map<String, Shown> cells) {

    public Published {
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    /** What the reader sees for this cell; IllegalArgumentException for an id the table does not have. */
    public Shown of(String id) {
        Shown shown = cells.get(id);
        if (shown == null) {
            throw new IllegalArgumentException("No cell or fact is called " + id);
        }
        return shown;
    }
}
