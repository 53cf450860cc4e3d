package org.chorus.commissions.session;

import org.chorus.contract.ContractRules;
import org.chorus.platform.errors.Violations;

/**
 * The command to record whether one person came to a session. It checks itself: an instance always
 * holds a valid member id and minutes that fit "came" or "did not come". Whether they fit the session
 * is checked by {@link Session#checkAttendance}.
 *
 * @param member the person's sign-in (Keycloak) subject. Until the membership service exists this is
 *               the only id a person has here; it becomes their membership id then.
 * @param etag   the attendance's etag as the caller last read it, or null when none was sent
 */
public record AttendanceRecording(String member, boolean attended, int minutes, String etag) {

    /**
     * Checks the raw request and builds the command.
     *
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found
     */
    public static AttendanceRecording of(String member, boolean attended, int minutes, String etag) {
        Violations violations = new Violations();
        if (attended) {
            violations.check(minutes > 0, "minutes", "Please give the time this represents, in minutes (more than 0).");
        } else {
            violations.check(minutes == 0, "minutes", "When someone did not come, the minutes are 0.");
        }
        violations.throwIfAny("INVALID_ATTENDANCE", "Some details of the attendance need fixing.");
        if (!isMember(member)) {
            throw new IllegalArgumentException("Not a member id: " + member);
        }
        return new AttendanceRecording(member, attended, minutes, etag == null || etag.isEmpty() ? null : etag);
    }

    /** A member id by the contract's id rule: a sign-in subject as Keycloak makes them (a UUID) fits it. */
    static boolean isMember(String member) {
        return ContractRules.isResourceId(member);
    }
}
