package org.chorus.commissions.scope;

import org.chorus.platform.errors.Violations;

/**
 * The command to change a scope statement: the new words for the fields being changed; null means
 * "leave as it is". It checks itself: an instance always holds a valid change of at least one field.
 *
 * @param etag the statement's etag as the caller last read it, or null when none was sent
 */
public record ScopeChange(String openToCoProduction, String notOpenToCoProduction, String reasons, String etag) {

    static final int MAX_TEXT = 4000;

    /**
     * Checks the raw change and builds the command; texts are trimmed.
     *
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found
     */
    public static ScopeChange of(String open, String notOpen, String reasons, String etag) {
        Violations violations = new Violations();
        violations.check(open != null || notOpen != null || reasons != null, "update_mask",
                "There is nothing to change. Send the new words, and name the fields in the update mask.");
        violations.checkText(open, "scope_statement.open_to_co_production", "what is open to co-production", 0, MAX_TEXT);
        violations.checkText(notOpen, "scope_statement.not_open_to_co_production", "what is not open to co-production", 0, MAX_TEXT);
        violations.checkText(reasons, "scope_statement.reasons", "the reasons", 0, MAX_TEXT);
        violations.throwIfAny("INVALID_SCOPE_STATEMENT", "Some of the scope statement needs fixing.");
        return new ScopeChange(strip(open), strip(notOpen), strip(reasons), etag == null || etag.isEmpty() ? null : etag);
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }
}
