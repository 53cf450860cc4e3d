package org.chorus.commissions.membership;

import org.chorus.platform.names.CommissionId;

/**
 * Who is in a commission. The membership service is the source of truth: it keeps the role grants.
 * Asked as the person making the current call (their token is relayed), so it sees only what they
 * may see.
 */
public interface CommissionMembers {

    /**
     * Whether the person holds an active role in the commission.
     *
     * @param member the person's sign-in subject
     * @throws RuntimeException when membership cannot be asked just now (the call then fails as UNAVAILABLE)
     */
    boolean holdsActiveRole(CommissionId commission, String member);
}
