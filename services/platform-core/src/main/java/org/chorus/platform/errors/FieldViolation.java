package org.chorus.platform.errors;

import java.util.Objects;

/**
 * One thing wrong with one field of a request, said so that a person can fix it.
 *
 * @param field the field's path in the request as the caller sent it, in proto names
 *              (for example {@code commission.display_name})
 * @param description a plain sentence saying what is wrong and what would be right
 */
public record FieldViolation(String field, String description) {
    public FieldViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(description, "description");
    }
}
