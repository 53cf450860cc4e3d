package org.chorus.commissions.session;

import org.chorus.platform.names.CommissionId;
import org.chorus.platform.names.ResourceName;
import org.chorus.platform.names.ResourcePattern;

/** Reads the names of sessions ({@code commissions/leeds/sessions/s-…}), their attendance and invitations. */
public final class SessionNames {

    static final ResourcePattern SESSION = ResourcePattern.of("commissions/{commission}/sessions/{session}");
    static final ResourcePattern ATTENDANCE = ResourcePattern.of("commissions/{commission}/sessions/{session}/attendance/{member}");
    static final ResourcePattern INVITATION = ResourcePattern.of("commissions/{commission}/sessions/{session}/invitations/{member}");

    private SessionNames() {
    }

    /** A session's commission and id. */
    public record SessionName(CommissionId commission, String session) {
    }

    /** An attendance's commission, session and member. */
    public record AttendanceName(CommissionId commission, String session, String member) {
    }

    /** An invitation's commission, session and member. */
    public record InvitationName(CommissionId commission, String session, String member) {
    }

    /** @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT on {@code field} when the name is not a session's */
    public static SessionName session(String name, String field) {
        ResourceName n = SESSION.parse(name, field);
        return new SessionName(n.commission(), n.id("session"));
    }

    /** @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT on {@code field} when the name is not an invitation's */
    public static InvitationName invitation(String name, String field) {
        ResourceName n = INVITATION.parse(name, field);
        return new InvitationName(n.commission(), n.id("session"), n.id("member"));
    }

    /** @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT on {@code field} when the name is not an attendance's */
    public static AttendanceName attendance(String name, String field) {
        ResourceName n = ATTENDANCE.parse(name, field);
        return new AttendanceName(n.commission(), n.id("session"), n.id("member"));
    }
}
