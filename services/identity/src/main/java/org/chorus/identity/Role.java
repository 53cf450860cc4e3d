package org.chorus.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person or client may do. {@link #COORDINATOR}, {@link #DASHBOARD} and {@link #SERVICE} can be held
 * network-wide (Keycloak realm roles); every role but {@link #COORDINATOR} and {@link #SERVICE} can be held in
 * one commission (Keycloak groups {@code /commissions/{commission}/{role}}): a dashboard client for one
 * commission is in its {@code dashboard} group.
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
    /** A dashboard client that reads reports: across the network (a realm role), or of one commission (its group). */
    DASHBOARD,
    /** A Chorus service calling another with its own credentials (never a person). */
    SERVICE;

    /** The role's name in tokens: lower case, as in the groups and realm roles. */
    public String claimName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the role is held across the network (a realm role), not in one commission. */
    public boolean networkWide() {
        return this == COORDINATOR || this == DASHBOARD || this == SERVICE;
    }

    /** Whether the role can be held in one commission (a group), not only across the network. */
    public boolean heldInCommission() {
        return this != COORDINATOR && this != SERVICE;
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
