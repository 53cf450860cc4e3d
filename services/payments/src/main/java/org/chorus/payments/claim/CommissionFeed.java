package org.chorus.payments.claim;

import java.util.List;

/** The commissions service's event feed, read by this service. */
public interface CommissionFeed {

    /** A person's attendance at a session, as the feed reports it. */
    record Attendance(String session, String member, boolean attended, int minutes, boolean recordedOnBehalf, String sessionStartTime) {
    }

    /** One event: its sequence, who made it, and the attendance when it is one (null otherwise). */
    record Event(long sequence, String actor, Attendance attendance) {
    }

    /** The events after {@code sequence}, in order, as many as the feed gives in one read. */
    List<Event> after(String commission, long sequence);
}
