package org.chorus.membership.member;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.chorus.membership.member.Member.StateChange;

/**
 * The members of the commission whose transaction is open. Personal fields come and go sealed; the
 * repository seals and opens them with the person's own key.
 */
public interface MemberRepository {

    /** Stores a new member with their first state change; false when the id or the email is already here. */
    boolean insert(Member member, StateChange first);

    Optional<Member> find(String id);

    /** Whether a member has this email address (compared lower-case). */
    boolean hasEmail(String email);

    /** Stores changed details and state, if the version is still {@code member.version() - 1}; false otherwise. */
    boolean update(Member member);

    /** Adds a change to the member's history. */
    void addChange(String id, StateChange change);

    /** Forgets the member's personal fields for good: their details, the email index, the reasons they gave. */
    void forgetPersonalFields(String id);

    List<Member> listAfter(Instant afterTime, String afterId, int limit);

    /** The commission's retention policy, the default when none was set. */
    RetentionPolicy retention();

    void saveRetention(RetentionPolicy policy);

    /**
     * Members who left before {@code day} (their latest change is a LEAVE that took effect before it)
     * and whose latest answer about keeping their details after leaving is not yes.
     */
    List<String> leftBeforeAndNotKept(LocalDate day);
}
