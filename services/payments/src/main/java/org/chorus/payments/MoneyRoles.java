package org.chorus.payments;

import org.chorus.identity.Caller;
import org.chorus.identity.Role;

/** Who may handle a commission's money, said once for the policy, claims, payouts and the ledger. */
public final class MoneyRoles {

    private MoneyRoles() {
    }

    /** Finance in the commission, or a network coordinator: they decide on claims, pay people and read the ledger. */
    public static boolean handlesMoney(Caller caller, String commission) {
        return caller.isCoordinator() || caller.rolesIn(commission).contains(Role.FINANCE);
    }

    /** The member themself: their own sign-in, holding the member role in the commission. */
    public static boolean isTheMember(Caller caller, String commission, String member) {
        return caller.subject().equals(member) && caller.rolesIn(commission).contains(Role.MEMBER);
    }
}
