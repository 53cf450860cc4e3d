package org.chorus.commissions.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.chorus.commissions.session.SessionFields.Field;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.names.CommissionId;

/**
 * A gathering of a commission. The rules live here: it ends after it starts (within a day); notes
 * are kept only while the group agrees, and deleted when it withdraws; a cancelled session is kept
 * but no longer changed; attendance is recorded once it has started, for at most its length plus
 * {@link #TRAVEL_ALLOWANCE_MINUTES}.
 *
 * @param id        the last part of the name, for example {@code s-2026-03-14-7f3a9c}
 * @param version   increases by one with every change; the etag is made from it
 */
public record Session(String id, String title, Instant startTime, Instant endTime, SessionLocation location,
                      Accessibility accessibility, String notes, NotesConsent notesConsent, State state,
                      String cancelReason, String createdBy, Instant createTime, Instant updateTime, long version) {

    /** Whether a session is going ahead. */
    public enum State { SCHEDULED, CANCELLED }

    static final Duration LONGEST = Duration.ofHours(24);

    /**
     * Time for getting there and back that attendance may add to a session's length: two hours,
     * whether or not travel is paid, so that recorded time is never less than the time given. A
     * longer journey needs a facilitator to split it over claims in payments (not here).
     */
    public static final int TRAVEL_ALLOWANCE_MINUTES = 120;

    static final int MAX_CANCEL_REASON = 1000;

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(accessibility, "accessibility");
        Objects.requireNonNull(accessibility.interpreter(), "interpreter");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(notesConsent, "notesConsent");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(cancelReason, "cancelReason");
        if (!endTime.isAfter(startTime)) {
            throw new IllegalArgumentException("A session ends after it starts");
        }
        if (!notes.isEmpty() && !notesConsent.groupAgreed()) {
            throw new IllegalArgumentException("Notes are kept only with the group's agreement");
        }
    }

    /**
     * A new session from {@code fields}, which must hold every detail in {@link SessionFields#REQUIRED_ON_CREATE}.
     *
     * @throws ChorusException INVALID_ARGUMENT when notes are sent without the group's agreement
     */
    public static Session create(String id, SessionFields fields, String by, Instant now) {
        if (!fields.fields().containsAll(SessionFields.REQUIRED_ON_CREATE)) {
            throw new IllegalArgumentException("A new session needs " + SessionFields.REQUIRED_ON_CREATE);
        }
        NotesConsent consent = fields.has(Field.NOTES_CONSENT) ? new NotesConsent(fields.notesAgreed(), by, now) : NotesConsent.NOT_ASKED;
        String notes = notesFor(fields, "", consent);
        return new Session(id, fields.title(), fields.startTime(), fields.endTime(), fields.location(), fields.accessibility(),
                notes, consent, State.SCHEDULED, "", by, now, now, 1);
    }

    /**
     * This session with {@code change} applied.
     *
     * @throws ChorusException FAILED_PRECONDITION when the session is cancelled; INVALID_ARGUMENT when
     *                         it would end before it starts, or notes are sent without the group's agreement
     */
    public Session apply(SessionFields change, String by, Instant now) {
        if (state == State.CANCELLED) {
            throw ChorusException.failedPrecondition("SESSION_CANCELLED",
                    "This session was cancelled, so it cannot be changed. Create a new session instead.");
        }
        Instant start = change.has(Field.START_TIME) ? change.startTime() : startTime;
        Instant end = change.has(Field.END_TIME) ? change.endTime() : endTime;
        Violations violations = new Violations();
        SessionFields.checkTimes(violations, start, end);
        violations.throwIfAny("INVALID_SESSION", "Some details of the session need fixing.");
        NotesConsent consent = change.has(Field.NOTES_CONSENT) ? new NotesConsent(change.notesAgreed(), by, now) : notesConsent;
        return new Session(id,
                change.has(Field.TITLE) ? change.title() : title,
                start, end,
                change.has(Field.LOCATION) ? change.location() : location,
                change.has(Field.ACCESSIBILITY) ? change.accessibility() : accessibility,
                notesFor(change, notes, consent), consent, state, cancelReason, createdBy, createTime, now, version + 1);
    }

    /** The notes to keep: none without the group's agreement (withdrawing it deletes them). */
    private static String notesFor(SessionFields change, String current, NotesConsent consent) {
        String notes = change.has(Field.NOTES) ? change.notes() : current;
        if (consent.groupAgreed()) {
            return notes;
        }
        if (change.has(Field.NOTES) && !notes.isEmpty()) {
            throw ChorusException.invalid("NOTES_NEED_CONSENT", "session.notes", "Notes are kept only when the group has "
                    + "agreed to it. Ask the group first, and record its answer in notes_consent.");
        }
        return "";
    }

    /**
     * This session, cancelled.
     *
     * @throws ChorusException INVALID_ARGUMENT without a reason; FAILED_PRECONDITION when already cancelled
     */
    public Session cancel(String reason, Instant now) {
        Violations violations = new Violations();
        violations.checkText(reason, "reason", "the reason the session is cancelled", 1, MAX_CANCEL_REASON);
        violations.throwIfAny("INVALID_CANCELLATION", "Please say why the session is cancelled.");
        if (state == State.CANCELLED) {
            throw ChorusException.failedPrecondition("SESSION_CANCELLED", "This session is already cancelled.");
        }
        return new Session(id, title, startTime, endTime, location, accessibility, notes, notesConsent, State.CANCELLED,
                reason.strip(), createdBy, createTime, now, version + 1);
    }

    /**
     * Checks that {@code recording} may be kept for this session at {@code now}.
     *
     * @throws ChorusException FAILED_PRECONDITION when the session is cancelled or has not started;
     *                         INVALID_ARGUMENT when the minutes are more than it allows
     */
    public void checkAttendance(AttendanceRecording recording, Instant now) {
        if (state == State.CANCELLED) {
            throw ChorusException.failedPrecondition("SESSION_CANCELLED",
                    "This session was cancelled, so nobody's attendance can be recorded for it.");
        }
        if (now.isBefore(startTime)) {
            throw ChorusException.failedPrecondition("SESSION_NOT_STARTED",
                    "Attendance is recorded once the session has started. Please try again then.");
        }
        int most = mostAttendanceMinutes();
        if (recording.minutes() > most) {
            throw ChorusException.invalid("TOO_MANY_MINUTES", "minutes", "The time can be at most " + most
                    + " minutes: the length of the session plus " + TRAVEL_ALLOWANCE_MINUTES + " minutes for travel.");
        }
    }

    /** The most minutes attendance may represent: the session's length plus the travel allowance. */
    public int mostAttendanceMinutes() {
        return (int) Duration.between(startTime, endTime).toMinutes() + TRAVEL_ALLOWANCE_MINUTES;
    }

    public String resourceName(CommissionId commission) {
        return commission.resourceName() + "/sessions/" + id;
    }

    /** An opaque tag of this version, for optimistic concurrency. */
    public String etag() {
        return "\"" + version + "\"";
    }

    /** @throws ChorusException ABORTED when {@code etag} is given and is not this version's */
    public void checkEtag(String etag) {
        if (etag != null && !etag.isEmpty() && !etag.equals(etag())) {
            throw ChorusException.aborted("STALE_ETAG", "Someone else changed this session since you last looked. "
                    + "Please look again, then make your change once more.");
        }
    }
}
