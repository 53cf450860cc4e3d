package org.chorus.platform.errors;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem with a request before refusing it, so a person fixes them all in one go
 * rather than one per try.
 */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    /** Records a violation when {@code ok} is false. Returns {@code ok}, to chain further checks. */
    public boolean check(boolean ok, String field, String description) {
        if (!ok) {
            found.add(new FieldViolation(field, description));
        }
        return ok;
    }

    /** Checks a text field for presence and length; {@code what} names it in plain words. */
    public boolean checkText(String value, String field, String what, int min, int max) {
        if (value == null || value.isBlank()) {
            return check(min == 0, field, "Please give " + what + ".");
        }
        int length = value.strip().codePointCount(0, value.strip().length());
        return check(length >= min, field, capitalise(what) + " must be at least " + min + " characters long.")
                && check(length <= max, field, capitalise(what) + " must be " + max + " characters or fewer.");
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws INVALID_ARGUMENT with every violation found, if there are any. */
    public void throwIfAny(String reason, String message) {
        if (!found.isEmpty()) {
            throw ChorusException.invalid(reason, message, found);
        }
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
