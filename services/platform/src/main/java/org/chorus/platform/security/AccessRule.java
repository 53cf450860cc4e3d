package org.chorus.platform.security;

import java.util.EnumSet;
import java.util.Set;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;

/**
 * Who may call one gRPC method. Rules about a commission read it from the request's resource name
 * ({@code name}, else {@code parent}: {@code commissions/{commission}/…}); object-level checks beyond
 * that belong to the service.
 */
public sealed interface AccessRule {

    /** Anyone with a valid token; the service narrows what they see. */
    static AccessRule signedIn() {
        return new SignedIn();
    }

    /** Network coordinators only. */
    static AccessRule coordinators() {
        return new Coordinators();
    }

    /** Chorus services calling with their own credentials (never a person). */
    static AccessRule services() {
        return new Services();
    }

    /** Chorus services and network coordinators: the readers of raw event feeds, which name people. */
    static AccessRule feedReaders() {
        return new FeedReaders();
    }

    /** Anyone who may read the commission named in the request: a role in it, a coordinator, a dashboard. */
    static AccessRule readersOfCommission() {
        return new ReadersOfCommission();
    }

    /** Holders of one of {@code roles} in the commission named in the request, and coordinators. */
    static AccessRule inCommission(Role first, Role... more) {
        return new InCommission(EnumSet.of(first, more));
    }

    /** Whether this rule needs the commission from the request to decide. */
    default boolean needsCommission() {
        return this instanceof ReadersOfCommission || this instanceof InCommission;
    }

    /** Whether {@code caller} may call, for the commission named in the request (null when the rule needs none). */
    boolean allows(Caller caller, String commissionId);

    record SignedIn() implements AccessRule {
        @Override
        public boolean allows(Caller caller, String commissionId) {
            return true;
        }
    }

    record Services() implements AccessRule {
        @Override
        public boolean allows(Caller caller, String commissionId) {
            return caller.isService();
        }
    }

    record FeedReaders() implements AccessRule {
        @Override
        public boolean allows(Caller caller, String commissionId) {
            return caller.isService() || caller.isCoordinator();
        }
    }

    record Coordinators() implements AccessRule {
        @Override
        public boolean allows(Caller caller, String commissionId) {
            return caller.isCoordinator();
        }
    }

    record ReadersOfCommission() implements AccessRule {
        @Override
        public boolean allows(Caller caller, String commissionId) {
            return caller.canSee(commissionId);
        }
    }

    record InCommission(Set<Role> roles) implements AccessRule {
        public InCommission {
            roles = Set.copyOf(roles);
        }

        @Override
        public boolean allows(Caller caller, String commissionId) {
            return caller.holdsAnyIn(commissionId, roles);
        }
    }
}
