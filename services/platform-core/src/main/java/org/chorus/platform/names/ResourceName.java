package org.chorus.platform.names;

import java.util.List;

/**
 * A resource name read by its {@link ResourcePattern}: the ids in it, by variable.
 *
 * @param ids the ids in the order the pattern names its variables
 */
public record ResourceName(ResourcePattern pattern, List<String> ids) {

    public ResourceName {
        ids = List.copyOf(ids);
    }

    /** The id of {@code variable}, for example {@code session}. */
    public String id(String variable) {
        int at = pattern.variables().indexOf(variable);
        if (at < 0) {
            throw new IllegalArgumentException(pattern + " has no {" + variable + "}");
        }
        return ids.get(at);
    }

    /** The commission the resource lives in. */
    public CommissionId commission() {
        return new CommissionId(id(ResourcePattern.COMMISSION));
    }

    /** The id of the resource itself: the last variable. */
    public String last() {
        return ids.getLast();
    }

    /** The name as text again. */
    @Override
    public String toString() {
        return pattern.format(ids.toArray(String[]::new));
    }
}
