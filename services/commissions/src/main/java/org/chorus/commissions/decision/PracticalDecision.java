package org.chorus.commissions.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.names.CommissionId;

/**
 * A practical decision the group made about working together, with who agreed it and when. Changing
 * it makes the next version; the earlier wording is kept in the commission's event feed.
 *
 * @param createdBy  the sign-in subject of who first recorded it
 * @param updatedBy  the sign-in subject of who recorded the current wording
 * @param version    the number of the current wording, from 1; the etag is made from it
 */
public record PracticalDecision(String id, Topic topic, String title, String decision, String agreedBy, LocalDate agreedOn,
                                String createdBy, Instant createTime, String updatedBy, Instant updateTime, long version) {

    /** What a decision is about. */
    public enum Topic { RISK, LONE_WORKING, ETHICS, SAFEGUARDING, OTHER }

    /** The latest day anywhere on Earth, so a decision agreed "today" is never refused because of a time zone. */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    public PracticalDecision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(agreedBy, "agreedBy");
        Objects.requireNonNull(agreedOn, "agreedOn");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(updatedBy, "updatedBy");
    }

    /**
     * A newly recorded decision.
     *
     * @throws ChorusException INVALID_ARGUMENT when the day agreed is still to come
     */
    public static PracticalDecision record(String id, PracticalDecisionFields fields, String by, Instant now) {
        checkAgreedOn(fields.agreedOn(), now);
        return new PracticalDecision(id, fields.topic(), fields.title(), fields.decision(), fields.agreedBy(), fields.agreedOn(),
                by, now, by, now, 1);
    }

    /**
     * This decision with the new wording.
     *
     * @throws ChorusException ABORTED on a stale etag; INVALID_ARGUMENT when the day agreed is still to come
     */
    public PracticalDecision change(PracticalDecisionFields change, String etag, String by, Instant now) {
        if (etag != null && !etag.equals(etag())) {
            throw ChorusException.aborted("STALE_ETAG", "Someone else changed this decision since you last looked. "
                    + "Please read it again, then make your change once more.");
        }
        LocalDate nextAgreedOn = change.agreedOn() != null ? change.agreedOn() : agreedOn;
        if (change.agreedOn() != null) {
            checkAgreedOn(nextAgreedOn, now);
        }
        return new PracticalDecision(id,
                change.topic() != null ? change.topic() : topic,
                change.title() != null ? change.title() : title,
                change.decision() != null ? change.decision() : decision,
                change.agreedBy() != null ? change.agreedBy() : agreedBy,
                nextAgreedOn, createdBy, createTime, by, now, version + 1);
    }

    private static void checkAgreedOn(LocalDate agreedOn, Instant now) {
        if (agreedOn.isAfter(LocalDate.ofInstant(now, EARLIEST_ZONE))) {
            throw ChorusException.invalid("INVALID_PRACTICAL_DECISION", "practical_decision.agreed_on",
                    "The day the decision was agreed cannot be in the future.");
        }
    }

    public String resourceName(CommissionId commission) {
        return commission.resourceName() + "/practicalDecisions/" + id;
    }

    /** An opaque tag of this version, for optimistic concurrency. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
