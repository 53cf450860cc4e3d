package org.chorus.commissions.groundrules;

import java.time.LocalDate;
import java.util.List;
import org.chorus.platform.errors.Violations;

/**
 * The command to record a new version of the ground rules: the new values of the fields being
 * changed; null means "leave as it is". It checks itself: an instance always holds a valid change of
 * at least one field, and new rules always come with the day and the way they were agreed.
 *
 * @param etag the ground rules' etag as the caller last read them, or null when none was sent
 */
public record GroundRulesChange(List<String> rules, LocalDate agreedOn, String howAgreed, String etag) {

    static final int MAX_RULES = 50;
    static final int MAX_RULE = 500;
    static final int MAX_HOW_AGREED = 1000;

    /**
     * Checks the raw change and builds the command; texts are trimmed.
     *
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found
     */
    public static GroundRulesChange of(List<String> rules, LocalDate agreedOn, String howAgreed, String etag) {
        Violations violations = new Violations();
        violations.check(rules != null || agreedOn != null || howAgreed != null, "update_mask",
                "There is nothing to change. Send the new rules, the day they were agreed and how, and name them in the update mask.");
        if (rules != null) {
            if (violations.check(!rules.isEmpty(), "ground_rules.rules", "Please give at least one rule.")
                    && violations.check(rules.size() <= MAX_RULES, "ground_rules.rules",
                    "There can be at most " + MAX_RULES + " rules. Perhaps some can be joined together?")) {
                for (int i = 0; i < rules.size(); i++) {
                    violations.checkText(rules.get(i), "ground_rules.rules[" + i + "]", "rule " + (i + 1), 1, MAX_RULE);
                }
            }
            violations.check(agreedOn != null, "ground_rules.agreed_on", "New rules need the day the group agreed them.");
            violations.check(howAgreed != null && !howAgreed.isBlank(), "ground_rules.how_agreed",
                    "New rules need a few words on how the group agreed them, and who was there.");
        }
        if (howAgreed != null && !howAgreed.isBlank()) {
            violations.checkText(howAgreed, "ground_rules.how_agreed", "how the group agreed them", 1, MAX_HOW_AGREED);
        } else if (howAgreed != null && rules == null) {
            violations.check(false, "ground_rules.how_agreed", "Please say how the group agreed the rules, and who was there.");
        }
        violations.throwIfAny("INVALID_GROUND_RULES", "Some of the ground rules need fixing.");
        return new GroundRulesChange(rules == null ? null : rules.stream().map(String::strip).toList(), agreedOn,
                howAgreed == null ? null : howAgreed.strip(), etag == null || etag.isEmpty() ? null : etag);
    }
}
