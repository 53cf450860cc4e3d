package org.chorus.platform.members;

import org.chorus.platform.names.CommissionId;

/**
 * Who is in a commission. The membership service is the source of truth: it keeps the people and the
 * role grants. Asked as the person making the current call (their token is relayed), so it sees only
 * what they may see.
 */
public interface CommissionMembers {

    /**
     * Whether the person is in the commission: a member who has not left (or been erased), or someone
     * holding an active role in it.
     *
     * @param member the member's id: their sign-in subject, or the id of someone without an account
     * @throws RuntimeException when membership cannot be asked just now (the call then fails as UNAVAILABLE)
     */
    boolean isInCommission(CommissionId commission, String member);
}
