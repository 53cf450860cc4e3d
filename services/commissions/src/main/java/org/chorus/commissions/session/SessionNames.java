package org.chorus.commissions.session;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.commissions.registry.CommissionId;
import org.chorus.platform.errors.ChorusException;

/** Reads the names of sessions ({@code commissions/leeds/sessions/s-…}) and attendance ({@code …/attendance/{member}}). */
public final class SessionNames {

    private static final String SESSION_ID = "[a-z0-9][a-z0-9-]{0,62}";
    private static final Pattern SESSION = Pattern.compile("commissions/([^/]+)/sessions/(" + SESSION_ID + ")");
    private static final Pattern ATTENDANCE = Pattern.compile("commissions/([^/]+)/sessions/(" + SESSION_ID + ")/attendance/([^/]+)");
    private static final Pattern INVITATION = Pattern.compile("commissions/([^/]+)/sessions/(" + SESSION_ID + ")/invitations/([^/]+)");

    private SessionNames() {
    }

    /** A session's commission and id. */
    public record SessionName(CommissionId commission, String session) {
    }

    /** An attendance's commission, session and member. */
    public record AttendanceName(CommissionId commission, String session, String member) {
    }

    /** @throws ChorusException INVALID_ARGUMENT on {@code field} when the name is not a session's */
    public static SessionName session(String name, String field) {
        Matcher m = SESSION.matcher(name == null ? "" : name);
        if (m.matches() && CommissionId.isValid(m.group(1))) {
            return new SessionName(new CommissionId(m.group(1)), m.group(2));
        }
        throw ChorusException.invalid("INVALID_NAME", field,
                "This name should look like \"commissions/leeds/sessions/s-2026-03-14-7f3a9c\": the commission's id, then the session's.");
    }

    /** An invitation's commission, session and member. */
    public record InvitationName(CommissionId commission, String session, String member) {
    }

    /** @throws ChorusException INVALID_ARGUMENT on {@code field} when the name is not an invitation's */
    public static InvitationName invitation(String name, String field) {
        Matcher m = INVITATION.matcher(name == null ? "" : name);
        if (m.matches() && CommissionId.isValid(m.group(1)) && AttendanceRecording.isMember(m.group(3))) {
            return new InvitationName(new CommissionId(m.group(1)), m.group(2), m.group(3));
        }
        throw ChorusException.invalid("INVALID_NAME", field, "This name should look like "
                + "\"commissions/leeds/sessions/s-2026-03-14-7f3a9c/invitations/{member}\", where the member is the person's "
                + "sign-in id (letters, numbers and hyphens).");
    }

    /** @throws ChorusException INVALID_ARGUMENT on {@code field} when the name is not an attendance's */
    public static AttendanceName attendance(String name, String field) {
        Matcher m = ATTENDANCE.matcher(name == null ? "" : name);
        if (m.matches() && CommissionId.isValid(m.group(1)) && AttendanceRecording.isMember(m.group(3))) {
            return new AttendanceName(new CommissionId(m.group(1)), m.group(2), m.group(3));
        }
        throw ChorusException.invalid("INVALID_NAME", field, "This name should look like "
                + "\"commissions/leeds/sessions/s-2026-03-14-7f3a9c/attendance/{member}\", where the member is the person's "
                + "sign-in id (letters, numbers and hyphens).");
    }
}
