package org.chorus.commissions.focus;

import org.chorus.commissions.focus.FocusIssue.State;
import org.chorus.platform.errors.Violations;

/**
 * The command to record what the group decided about a focus issue. It checks itself: an instance
 * always holds an outcome and how the group decided.
 *
 * @param outcome {@link State#CHOSEN} or {@link State#SET_ASIDE}
 * @param etag    the issue's etag as the caller last read it, or null when none was sent
 */
public record FocusIssueDecision(State outcome, String howDecided, String etag) {

    static final int MAX_HOW = 2000;

    /**
     * @param outcome null when none was sent
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found
     */
    public static FocusIssueDecision of(State outcome, String howDecided, String etag) {
        Violations violations = new Violations();
        violations.check(outcome == State.CHOSEN || outcome == State.SET_ASIDE, "outcome",
                "Please say what the group decided: CHOSEN or SET_ASIDE.");
        violations.checkText(howDecided, "how_decided", "how the group made the decision, in its own words", 1, MAX_HOW);
        violations.throwIfAny("INVALID_DECISION", "Some details of the decision need fixing.");
        return new FocusIssueDecision(outcome, howDecided.strip(), etag == null || etag.isEmpty() ? null : etag);
    }
}
