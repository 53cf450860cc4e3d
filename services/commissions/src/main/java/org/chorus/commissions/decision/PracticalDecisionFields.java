package org.chorus.commissions.decision;

import java.time.LocalDate;
import org.chorus.commissions.decision.PracticalDecision.Topic;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.requests.RequestIds;

/**
 * The fields of a practical decision as sent: all of them to record one, the ones to change
 * otherwise (null means "leave as it is"). It checks itself: an instance always holds valid, trimmed
 * values, and on create every field.
 */
public record PracticalDecisionFields(Topic topic, String title, String decision, String agreedBy, LocalDate agreedOn) {

    static final int MAX_TITLE = 200;
    static final int MAX_DECISION = 4000;
    static final int MAX_AGREED_BY = 500;

    /**
     * The fields of a new decision; every one is needed.
     *
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found
     */
    public static PracticalDecisionFields toCreate(Topic topic, String title, String decision, String agreedBy, LocalDate agreedOn) {
        Violations violations = new Violations();
        violations.check(topic != null, "practical_decision.topic",
                "Please say what the decision is about: RISK, LONE_WORKING, ETHICS, SAFEGUARDING or OTHER.");
        violations.checkText(title, "practical_decision.title", "the decision in a few words", 1, MAX_TITLE);
        violations.checkText(decision, "practical_decision.decision", "the decision in full", 1, MAX_DECISION);
        violations.checkText(agreedBy, "practical_decision.agreed_by", "who agreed it", 1, MAX_AGREED_BY);
        violations.check(agreedOn != null, "practical_decision.agreed_on", "Please give the day the decision was agreed.");
        violations.throwIfAny("INVALID_PRACTICAL_DECISION", "Some details of the decision need fixing.");
        return new PracticalDecisionFields(topic, title.strip(), decision.strip(), agreedBy.strip(), agreedOn);
    }

    /**
     * A change: the fields sent, each checked as on create; at least one.
     *
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found
     */
    public static PracticalDecisionFields toChange(Topic topic, boolean topicSent, String title, String decision, String agreedBy,
                                                   LocalDate agreedOn, boolean agreedOnSent) {
        Violations violations = new Violations();
        violations.check(topicSent || title != null || decision != null || agreedBy != null || agreedOnSent, "update_mask",
                "There is nothing to change. Send the new wording, and name the fields in the update mask.");
        if (topicSent) {
            violations.check(topic != null, "practical_decision.topic",
                    "Please say what the decision is about: RISK, LONE_WORKING, ETHICS, SAFEGUARDING or OTHER.");
        }
        if (title != null) {
            violations.checkText(title, "practical_decision.title", "the decision in a few words", 1, MAX_TITLE);
        }
        if (decision != null) {
            violations.checkText(decision, "practical_decision.decision", "the decision in full", 1, MAX_DECISION);
        }
        if (agreedBy != null) {
            violations.checkText(agreedBy, "practical_decision.agreed_by", "who agreed it", 1, MAX_AGREED_BY);
        }
        if (agreedOnSent) {
            violations.check(agreedOn != null, "practical_decision.agreed_on", "Please give the day the decision was agreed.");
        }
        violations.throwIfAny("INVALID_PRACTICAL_DECISION", "Some details of the decision need fixing.");
        return new PracticalDecisionFields(topic, strip(title), strip(decision), strip(agreedBy), agreedOn);
    }

    /** A fingerprint of what is asked for, to tell a true retry from another request reusing its id. */
    String fingerprint() {
        String asked = "practical_decision.create\u0000" + topic + "\u0000" + title + "\u0000" + decision + "\u0000" + agreedBy
                + "\u0000" + agreedOn;
        return RequestIds.fingerprint(asked);
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }
}
