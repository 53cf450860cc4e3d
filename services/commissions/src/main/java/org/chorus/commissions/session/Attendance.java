package org.chorus.commissions.session;

import java.time.Instant;
import java.util.Objects;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.names.CommissionId;

/**
 * Whether one person came to a session, the minutes it represents, and who recorded it.
 *
 * @param member           the person's sign-in subject (see {@link AttendanceRecording#member()})
 * @param recordedBy       the sign-in subject of who recorded it
 * @param recordedOnBehalf true when someone other than the person recorded it
 * @param version          increases by one with every recording; the etag is made from it
 */
public record Attendance(String sessionId, String member, boolean attended, int minutes, String recordedBy,
                         boolean recordedOnBehalf, Instant recordTime, long version) {

    public Attendance {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(recordedBy, "recordedBy");
        Objects.requireNonNull(recordTime, "recordTime");
        if (attended != minutes > 0) {
            throw new IllegalArgumentException("Minutes are more than 0 exactly when the person came");
        }
    }

    /** The first recording of a person's attendance, or the next one after {@code previous} (null for none). */
    static Attendance record(Attendance previous, String sessionId, AttendanceRecording recording, String by, Instant now) {
        if (previous != null && recording.etag() != null && !recording.etag().equals(previous.etag())) {
            throw ChorusException.aborted("STALE_ETAG", "Someone else recorded this attendance since you last looked. "
                    + "Please look again, then record it once more.");
        }
        return new Attendance(sessionId, recording.member(), recording.attended(), recording.minutes(), by,
                !by.equals(recording.member()), now, previous == null ? 1 : previous.version() + 1);
    }

    /** Whether recording this again would change nothing: a retry, which writes no second event. */
    boolean sameAs(AttendanceRecording recording, String by) {
        return attended == recording.attended() && minutes == recording.minutes() && recordedBy.equals(by);
    }

    public String resourceName(CommissionId commission) {
        return commission.resourceName() + "/sessions/" + sessionId + "/attendance/" + member;
    }

    /** An opaque tag of this version, for optimistic concurrency. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
