package org.chorus.commissions.focus;

import java.time.Instant;
import java.util.Objects;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.names.CommissionId;

/**
 * An issue proposed for the group to focus on, and the group's decision about it. The rules live
 * here: proposed, then decided once (chosen or set aside) with how the group decided in its own
 * words; never deleted.
 *
 * @param howDecided empty until decided
 * @param decidedBy  the sign-in subject of who recorded the decision; empty until decided
 * @param decideTime null until decided
 * @param version    increases by one with every change; the etag is made from it
 */
public record FocusIssue(String id, String title, String description, State state, String proposedBy, Instant createTime,
                         String howDecided, String decidedBy, Instant decideTime, Instant updateTime, long version) {

    /** Where a focus issue stands. */
    public enum State { PROPOSED, CHOSEN, SET_ASIDE }

    public FocusIssue {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(proposedBy, "proposedBy");
        Objects.requireNonNull(howDecided, "howDecided");
        Objects.requireNonNull(decidedBy, "decidedBy");
        if ((state == State.PROPOSED) != (decideTime == null) || (state != State.PROPOSED && howDecided.isEmpty())) {
            throw new IllegalArgumentException("A decided issue says how, who and when; a proposed one has no decision");
        }
    }

    /** A newly proposed issue. */
    public static FocusIssue propose(String id, FocusIssueProposal proposal, String by, Instant now) {
        return new FocusIssue(id, proposal.title(), proposal.description(), State.PROPOSED, by, now, "", "", null, now, 1);
    }

    /**
     * This issue with the group's decision recorded.
     *
     * @throws ChorusException ABORTED on a stale etag; FAILED_PRECONDITION when it is already decided
     */
    public FocusIssue decide(FocusIssueDecision decision, String by, Instant now) {
        if (decision.etag() != null && !decision.etag().equals(etag())) {
            throw ChorusException.aborted("STALE_ETAG", "Someone else changed this issue since you last looked. "
                    + "Please look again, then record the decision once more.");
        }
        if (state != State.PROPOSED) {
            throw ChorusException.failedPrecondition("ALREADY_DECIDED", "The group already decided about this issue ("
                    + (state == State.CHOSEN ? "chosen" : "set aside") + "). To think about it again, propose it again.");
        }
        return new FocusIssue(id, title, description, decision.outcome(), proposedBy, createTime, decision.howDecided(), by,
                now, now, version + 1);
    }

    public String resourceName(CommissionId commission) {
        return commission.resourceName() + "/focusIssues/" + id;
    }

    /** An opaque tag of this version, for optimistic concurrency. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
