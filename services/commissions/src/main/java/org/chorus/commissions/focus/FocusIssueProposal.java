package org.chorus.commissions.focus;

import org.chorus.platform.errors.Violations;
import org.chorus.platform.requests.RequestIds;

/** The command to propose a focus issue. It checks itself: an instance always holds a valid, trimmed proposal. */
public record FocusIssueProposal(String title, String description) {

    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 4000;

    /** @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found */
    public static FocusIssueProposal of(String title, String description) {
        Violations violations = new Violations();
        violations.checkText(title, "focus_issue.title", "the issue in a few words", 1, MAX_TITLE);
        violations.checkText(description, "focus_issue.description", "the description", 0, MAX_DESCRIPTION);
        violations.throwIfAny("INVALID_FOCUS_ISSUE", "Some details of the issue need fixing.");
        return new FocusIssueProposal(title.strip(), description == null ? "" : description.strip());
    }

    /** A fingerprint of what is asked for, to tell a true retry from another request reusing its id. */
    String fingerprint() {
        String asked = "focus_issue.create\u0000" + title + "\u0000" + description;
        return RequestIds.fingerprint(asked);
    }
}
