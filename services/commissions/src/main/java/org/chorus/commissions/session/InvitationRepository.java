package org.chorus.commissions.session;

import java.util.List;
import java.util.Optional;

/** Where a commission's invitations are kept. Every method runs inside the commission's transaction. */
public interface InvitationRepository {

    /**
     * Stores a new invitation.
     *
     * @return false when the person is already invited to the session (nothing is written)
     */
    boolean insert(Invitation invitation);

    /** Stores a reply. */
    void update(Invitation invitation);

    Optional<Invitation> find(String sessionId, String member);

    /** The invitation, locked until the transaction ends, so replies take turns. */
    Optional<Invitation> lock(String sessionId, String member);

    /** Up to {@code limit} invitations to the session in member order after {@code afterMember}, only {@code onlyMember}'s when not null. */
    List<Invitation> list(String sessionId, String afterMember, String onlyMember, int limit);
}
