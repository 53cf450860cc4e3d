package org.chorus.membership.grant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chorus.identity.Role;

/** Where a commission's grants are kept. Every method runs inside the commission's transaction. */
public interface RoleGrantRepository {

    /**
     * Stores a new grant.
     *
     * @return false when the person already holds that role through an active grant (nothing is written)
     */
    boolean insert(RoleGrant grant);

    Optional<RoleGrant> find(UUID id);

    /** Stores the revocation of a grant, if it still has the version before it. */
    boolean revoke(RoleGrant revoked);

    /** Records the person's subject, once Keycloak told it. */
    void recordSubject(UUID id, String subject);

    /** Marks the grant mirrored, unless it changed since {@code version} was read. */
    boolean markMirrored(UUID id, long version);

    /** Whether the subject holds the role through any active grant. */
    boolean holds(String subject, Role role);

    /** Up to {@code limit} grants Keycloak has not caught up with, oldest first. */
    List<RoleGrant> pending(int limit);

    /**
     * Up to {@code limit} grants after the one at ({@code afterTime}, {@code afterId}), oldest first;
     * only those of {@code person} (matched on the subject, or on the person as named) when not null.
     */
    List<RoleGrant> listAfter(Instant afterTime, UUID afterId, boolean withRevoked, String person, int limit);

}
