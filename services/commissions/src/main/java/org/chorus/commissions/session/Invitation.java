package org.chorus.commissions.session;

import java.time.Instant;
import java.util.Objects;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.names.CommissionId;

/**
 * One person invited to a session, and their reply: given by themself, or recorded by a facilitator
 * on their behalf. It keeps no health or access needs.
 *
 * @param member          the invited person's sign-in subject
 * @param repliedBy       the sign-in subject of who recorded the reply; empty until there is one
 * @param repliedOnBehalf true when someone other than the person recorded the reply
 * @param replyTime       null until there is a reply
 * @param version         increases by one with every change; the etag is made from it
 */
public record Invitation(String sessionId, String member, Reply reply, String invitedBy, Instant inviteTime, String repliedBy,
                         boolean repliedOnBehalf, Instant replyTime, long version) {

    /** A person's answer. */
    public enum Reply { NO_REPLY_YET, COMING, NOT_COMING, NOT_SURE_YET }

    public Invitation {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(invitedBy, "invitedBy");
        Objects.requireNonNull(inviteTime, "inviteTime");
        Objects.requireNonNull(repliedBy, "repliedBy");
        if ((reply == Reply.NO_REPLY_YET) != (replyTime == null)) {
            throw new IllegalArgumentException("A reply has a time; no reply has none");
        }
    }

    /** A new invitation, with no reply yet. */
    static Invitation invite(String sessionId, String member, String by, Instant now) {
        return new Invitation(sessionId, member, Reply.NO_REPLY_YET, by, now, "", false, null, 1);
    }

    /**
     * This invitation with {@code answer} recorded by {@code by}.
     *
     * @throws ChorusException ABORTED on a stale etag
     */
    Invitation answer(Reply answer, String etag, String by, Instant now) {
        if (answer == null || answer == Reply.NO_REPLY_YET) {
            throw new IllegalArgumentException("A reply is COMING, NOT_COMING or NOT_SURE_YET");
        }
        if (etag != null && !etag.equals(etag())) {
            throw ChorusException.aborted("STALE_ETAG", "Someone else changed this reply since you last looked. "
                    + "Please look again, then reply once more.");
        }
        return new Invitation(sessionId, member, answer, invitedBy, inviteTime, by, !by.equals(member), now, version + 1);
    }

    /** Whether recording this answer again would change nothing: a retry, which writes no second event. */
    boolean sameAnswer(Reply answer, String by) {
        return reply == answer && repliedBy.equals(by);
    }

    public String resourceName(CommissionId commission) {
        return commission.resourceName() + "/sessions/" + sessionId + "/invitations/" + member;
    }

    /** An opaque tag of this version, for optimistic concurrency. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
