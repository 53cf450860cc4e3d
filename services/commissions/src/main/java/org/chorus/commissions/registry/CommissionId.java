package org.chorus.commissions.registry;

import java.util.regex.Pattern;

/**
 * A commission's short id, the last part of its resource name ({@code leeds} in
 * {@code commissions/leeds}): 3 to 40 characters, lower-case letters, digits and hyphens,
 * starting with a letter and not ending with a hyphen.
 */
public record CommissionId(String value) implements Comparable<CommissionId> {

    private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9-]{1,38}[a-z0-9]");
    static final String PREFIX = "commissions/";

    /** Says what a good id looks like, in plain words. */
    public static final String RULE = "An id is 3 to 40 characters: lower-case letters, numbers and hyphens. "
            + "It starts with a letter and does not end with a hyphen, for example \"leeds\".";

    public CommissionId {
        if (!isValid(value)) {
            throw new IllegalArgumentException(RULE);
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORM.matcher(value).matches();
    }

    /** The id in a resource name {@code commissions/{id}}, or null when the name is not of that form. */
    public static CommissionId fromName(String name) {
        if (name == null || !name.startsWith(PREFIX)) {
            return null;
        }
        String id = name.substring(PREFIX.length());
        return isValid(id) ? new CommissionId(id) : null;
    }

    public String resourceName() {
        return PREFIX + value;
    }

    @Override
    public int compareTo(CommissionId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
