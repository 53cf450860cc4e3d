package org.chorus.membership.member;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.chorus.membership.member.MemberState.Change;
import org.chorus.membership.member.PersonalDetails.Credit;

/**
 * A person in one commission. The id is their account's sign-in subject when they have one, so every
 * service names them the same way; a random UUID for someone added without one.
 *
 * @param personal their details, opened; {@link PersonalDetails#NONE} once erased
 * @param history  every change in their time with the commission, oldest first
 */
public record Member(String commission, String id, String account, Kind kind, MemberState state, Credit credit,
                     String organization, PersonalDetails personal, List<StateChange> history, Instant createTime,
                     Instant updateTime, long version) {

    /** How a person takes part. */
    public enum Kind {
        EXPERT_BY_EXPERIENCE, CIVIC_COMMISSIONER, BUSINESS_COMMISSIONER
    }

    /** One change in a member's time, as recorded. {@code reason} is empty once they were erased. */
    public record StateChange(Change change, MemberState state, LocalDate effectiveDate, String reason, String recordedBy,
                              boolean onBehalf, Instant recordTime) {
    }

    public Member {
        history = List.copyOf(history);
    }

    public String resourceName() {
        return "commissions/" + commission + "/members/" + id;
    }

    /** A checksum of the current state, for optimistic concurrency. */
    public String etag() {
        return "\"" + version + "\"";
    }

    public String creditedAs() {
        return personal.creditedAs(credit);
    }
}
