package org.chorus.membership.grant;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.chorus.identity.Role;

/**
 * A role given to one person in one commission, as stored. A revoked grant is kept: it says who
 * revoked it and when.
 *
 * @param person      as the granter named the person: a sign-in subject, a username or an email address
 * @param subject     the person's Keycloak subject, or null until Keycloak has been reached
 * @param revokedBy   who revoked it, or null while it is active
 * @param revokeTime  when it was revoked, or null while it is active
 * @param mirrorState whether Keycloak shows the grant as it is now
 * @param version     increases with every change, so a mirror that raced a change does not mark it done
 */
public record RoleGrant(UUID id, String commission, String person, String subject, Role role, String grantedBy,
                        Instant createTime, String revokedBy, Instant revokeTime, MirrorState mirrorState, long version) {

    /** Whether Keycloak has caught up with the grant. */
    public enum MirrorState { PENDING, MIRRORED }

    public RoleGrant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(commission, "commission");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(grantedBy, "grantedBy");
        Objects.requireNonNull(createTime, "createTime");
        Objects.requireNonNull(mirrorState, "mirrorState");
        if (role.networkWide()) {
            throw new IllegalArgumentException("A grant is of a role in one commission, not " + role);
        }
        if ((revokedBy == null) != (revokeTime == null)) {
            throw new IllegalArgumentException("A revoked grant says both who revoked it and when");
        }
    }

    /** A new, active grant, not mirrored yet. */
    public static RoleGrant grant(NewRoleGrant request, String subject, String grantedBy, Instant now) {
        return new RoleGrant(UUID.randomUUID(), request.commission(), request.person(), subject, request.role(), grantedBy,
                now, null, null, MirrorState.PENDING, 1);
    }

    public boolean active() {
        return revokeTime == null;
    }

    /** The grant revoked by {@code by} at {@code now}; Keycloak has to catch up again. */
    public RoleGrant revoke(String by, Instant now) {
        if (!active()) {
            return this;
        }
        return new RoleGrant(id, commission, person, subject, role, grantedBy, createTime, by, now, MirrorState.PENDING, version + 1);
    }

    /** {@code commissions/{commission}/roleGrants/{id}}. */
    public String resourceName() {
        return "commissions/" + commission + "/roleGrants/" + id;
    }

    /** The Keycloak group that mirrors this grant's role in its commission. */
    public String groupPath() {
        return groupPath(commission, role);
    }

    public static String groupPath(String commission, Role role) {
        return "/commissions/" + commission + "/" + role.claimName();
    }
}
