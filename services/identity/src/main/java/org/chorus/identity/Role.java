package org.chorus.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person or client may do. {@link #COORDINATOR} and {@link #DASHBOARD} are network-wide
 * (Keycloak realm roles); the others are held in one commission (Keycloak groups
 * {@code /commissions/{commission}/{role}}).
 */
public enum Role {
    /** Runs the network: opens commissions, appoints facilitators, sees every commission. */
    COORDINATOR,
    /** Runs one commission: members, sessions, reports. */
    FACILITATOR,
    /** Handles a commission's payments. */
    FINANCE,
    /** Takes part in a commission. */
    MEMBER,
    /** Reads a commission's record. */
    VIEWER,
    /** A dashboard client that reads reports across the network. */
    DASHBOARD;

    /** The role's name in tokens: lower case, as in the groups and realm roles. */
    public String claimName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromClaim(String name) {
        for (Role role : values()) {
            if (role.claimName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
