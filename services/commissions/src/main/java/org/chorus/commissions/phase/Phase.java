package org.chorus.commissions.phase;

import java.util.Objects;

/** One phase in a commission's life, for example Engagement. */
public record Phase(String displayName, String description) {

    public Phase {
        Objects.requireNonNull(displayName, "displayName");
        description = description == null ? "" : description;
    }

    boolean isCalled(String name) {
        return displayName.equalsIgnoreCase(name.strip());
    }
}
