package org.chorus.commissions.groundrules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.chorus.platform.errors.ChorusException;

/**
 * One version of a commission's ground rules: the rules the group agreed, the day it agreed them and
 * how. Revision 0 is the empty set a commission starts with; each change makes the next version.
 *
 * @param agreedOn   the day the group agreed this version (null for revision 0)
 * @param updatedBy  the sign-in subject of who recorded this version ({@code ""} for revision 0)
 * @param updateTime when this version was recorded (null for revision 0)
 */
public record GroundRules(int revision, List<String> rules, LocalDate agreedOn, String howAgreed, String updatedBy,
                          Instant updateTime) {

    /** The latest day anywhere on Earth, so a date agreed "today" is never refused because of a time zone. */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    public GroundRules {
        rules = List.copyOf(rules);
        Objects.requireNonNull(howAgreed, "howAgreed");
        Objects.requireNonNull(updatedBy, "updatedBy");
        if (revision > 0 && (rules.isEmpty() || agreedOn == null || howAgreed.isEmpty() || updateTime == null)) {
            throw new IllegalArgumentException("A version of the ground rules has rules, the day they were agreed and how");
        }
    }

    /** The ground rules of a commission nobody has recorded any for yet. */
    public static final GroundRules EMPTY = new GroundRules(0, List.of(), null, "", "", null);

    /** An opaque tag of this version, for optimistic concurrency. */
    public String etag() {
        return "\"" + revision + "\"";
    }

    /**
     * The next version, with {@code change} applied.
     *
     * @throws ChorusException INVALID_ARGUMENT when the first version has no rules, or the day agreed is still to come
     */
    public GroundRules apply(GroundRulesChange change, String by, Instant now) {
        List<String> nextRules = change.rules() != null ? change.rules() : rules;
        LocalDate nextAgreedOn = change.agreedOn() != null ? change.agreedOn() : agreedOn;
        String nextHow = change.howAgreed() != null ? change.howAgreed() : howAgreed;
        if (nextRules.isEmpty()) {
            throw ChorusException.invalid("INVALID_GROUND_RULES", "ground_rules.rules",
                    "There are no ground rules yet. Please give the rules the group agreed, the day and how.");
        }
        if (nextAgreedOn.isAfter(LocalDate.ofInstant(now, EARLIEST_ZONE))) {
            throw ChorusException.invalid("INVALID_GROUND_RULES", "ground_rules.agreed_on",
                    "The day the group agreed the rules cannot be in the future.");
        }
        return new GroundRules(revision + 1, nextRules, nextAgreedOn, nextHow, by, now);
    }
}
