package org.chorus.identity;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.chorus.platform.v1.CallerKind;

/**
 * Who is calling, from a validated token: the subject, the member organisation they signed in
 * through (if any), the network-wide roles and the roles held in each commission. Plain Java, so
 * domain code can take it.
 *
 * @param subject         the token's {@code sub}: a stable, opaque id of the person or client
 * @param organisation    the member organisation's alias, when the person signed in through one
 * @param networkRoles    {@link Role#COORDINATOR}, {@link Role#DASHBOARD} and {@link Role#SERVICE}, when held
 * @param commissionRoles the roles held in each commission, by commission id
 */
public record Caller(String subject, Optional<String> organisation, Set<Role> networkRoles,
                     Map<String, Set<Role>> commissionRoles) {

    public Caller {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("A caller has a subject");
        }
        Objects.requireNonNull(organisation, "organisation");
        networkRoles = Set.copyOf(networkRoles);
        commissionRoles = commissionRoles.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
    }

    /**
     * A service acting on its own account in one commission (a job driven by the clock): the service
     * role, and that commission only, so the database role it takes is still the commission's.
     */
    public static Caller service(String name, String commissionId) {
        return new Caller(name, Optional.empty(), Set.of(Role.SERVICE), Map.of(commissionId, Set.of(Role.VIEWER)));
    }

    public boolean isCoordinator() {
        return networkRoles.contains(Role.COORDINATOR);
    }

    /** A Chorus service calling with its own credentials. */
    public boolean isService() {
        return networkRoles.contains(Role.SERVICE);
    }

    /**
     * Coordinators, dashboard clients and Chorus services (which read every commission's event feed
     * and set commissions up) see every commission; everyone else only their own.
     */
    public boolean seesEveryCommission() {
        return isCoordinator() || isService() || networkRoles.contains(Role.DASHBOARD);
    }

    /** The roles held in one commission (empty when none). */
    public Set<Role> rolesIn(String commissionId) {
        return commissionRoles.getOrDefault(commissionId, Set.of());
    }

    /** Whether the caller may act in the commission with one of {@code roles}; coordinators always may. */
    public boolean holdsAnyIn(String commissionId, Set<Role> roles) {
        return isCoordinator() || rolesIn(commissionId).stream().anyMatch(roles::contains);
    }

    /** Whether the caller may read anything of the commission at all. */
    public boolean canSee(String commissionId) {
        return seesEveryCommission() || !rolesIn(commissionId).isEmpty();
    }

    /** The commissions the caller holds a role in. */
    public Set<String> commissions() {
        return commissionRoles.keySet();
    }

    /**
     * Whether the caller is of {@code kind}, as the contract's access rules name callers, for the commission
     * {@code commissionId} (null: the call names none). The one reading of a declared rule's caller, for the services'
     * checks and for the console, which shows only the links a rule allows.
     */
    public boolean is(CallerKind kind, String commissionId) {
        return switch (kind) {
            case SIGNED_IN -> true;
            case COORDINATOR -> isCoordinator();
            case DASHBOARD -> networkRoles.contains(Role.DASHBOARD) || holds(commissionId, Role.DASHBOARD);
            case SERVICE -> isService();
            case FACILITATOR -> holds(commissionId, Role.FACILITATOR);
            case FINANCE -> holds(commissionId, Role.FINANCE);
            case MEMBER -> holds(commissionId, Role.MEMBER);
            case VIEWER -> holds(commissionId, Role.VIEWER);
            case CALLER_KIND_UNSPECIFIED, UNRECOGNIZED -> false;
        };
    }

    private boolean holds(String commissionId, Role role) {
        return commissionId != null && rolesIn(commissionId).contains(role);
    }
}
