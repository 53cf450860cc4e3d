package org.chorus.reporting.readmodel;

import java.time.Instant;

/**
 * One event of another service's feed, with the facts reporting keeps from it ({@code fact} is null for an
 * event reporting does not use: it still moves the cursor).
 */
public record FeedEvent(Feed feed, long sequence, Instant time, Fact fact) {

    /** The feeds reporting reads, each under its cursor's name. */
    public enum Feed {
        COMMISSIONS, MEMBERSHIP, PAYMENTS;

        /** The cursor's name in feed_cursor. */
        public String cursor() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What reporting keeps from an event: ids and figures, never a name. */
    public sealed interface Fact {
    }

    /** A session was planned, changed or cancelled. */
    public record SessionChanged(String session, Instant start, Instant end, boolean online, boolean cancelled, boolean stepFree,
                                 boolean interpreter) implements Fact {
    }

    /** A session will not take place. */
    public record SessionCancelled(String session) implements Fact {
    }

    /** Whether a member came to a session, and for how long. */
    public record AttendanceRecorded(String session, String member, boolean attended, int minutes, Instant sessionStart) implements Fact {
    }

    /** A claim was paid in full, given as time credits, or donated. */
    public record ClaimPaid(String claim, String member, boolean timeClaim, long amountPence, int minutes) implements Fact {
    }

    /** An experiment moved on, with what was learnt so far. */
    public record ExperimentMoved(String experiment, String toStatus, String learning) implements Fact {
    }

    /** The group chose a focus issue. */
    public record FocusIssueChosen(String focusIssue, String title) implements Fact {
    }

    /** The commission moved from one phase to another. */
    public record PhaseMoved(String from, String to) implements Fact {
    }

    /** A member's answer about sharing their story. */
    public record StoryConsent(String member, boolean given) implements Fact {
    }

    /** Which member organisation a member comes from (empty: none). */
    public record MemberOrganisation(String member, String organization) implements Fact {
    }

    /** A member was erased: their stories go, the figures they are part of stay. */
    public record MemberErased(String member) implements Fact {
    }
}
