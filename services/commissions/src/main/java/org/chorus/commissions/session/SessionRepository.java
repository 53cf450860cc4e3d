package org.chorus.commissions.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where a commission's sessions and attendance are kept. Every method runs inside the commission's transaction. */
public interface SessionRepository {

    void insert(Session session);

    /** Stores a changed session. */
    void update(Session session);

    Optional<Session> find(String id);

    /** The session, locked until the transaction ends, so changes to it take turns. */
    Optional<Session> lock(String id);

    /**
     * Up to {@code limit} sessions in start order that start in {@code [from, to)} (either may be
     * null: no bound) and come after the session starting at {@code afterStart} with id {@code afterId}
     * (both null: from the first).
     */
    List<Session> list(Instant from, Instant to, Instant afterStart, String afterId, int limit);

    /** The person's attendance at the session, locked until the transaction ends. */
    Optional<Attendance> lockAttendance(String sessionId, String member);

    Optional<Attendance> findAttendance(String sessionId, String member);

    /** Stores a recording, replacing an earlier one. */
    void saveAttendance(Attendance attendance);

    /** Up to {@code limit} records of the session in member order after {@code afterMember}, only {@code onlyMember}'s when not null. */
    List<Attendance> listAttendance(String sessionId, String afterMember, String onlyMember, int limit);

}
