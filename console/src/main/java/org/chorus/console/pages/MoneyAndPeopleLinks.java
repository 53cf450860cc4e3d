package org.chorus.console.pages;

import org.chorus.commissions.v1.Commission;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.console.platform.ContractAccess;
import org.chorus.identity.Caller;
import org.chorus.membership.v1.RoleGrantsServiceGrpc;
import org.chorus.payments.v1.PaymentPolicyServiceGrpc;
import org.chorus.payments.v1.PayoutsServiceGrpc;

/**
 * The commission page's links to its money and its people, each shown from the access the contract declares on
 * the RPC behind it: payouts and vouchers (finance, coordinators), the budget (those who may read the policy's
 * history), people and roles (coordinators, facilitators), and closing the commission (coordinators, while open).
 */
public record MoneyAndPeopleLinks(boolean payouts, boolean vouchers, boolean budget, boolean people, boolean archive) {

    static MoneyAndPeopleLinks of(Caller caller, String commissionId, Commission commission) {
        return new MoneyAndPeopleLinks(
                ContractAccess.allows(caller, PayoutsServiceGrpc.getListPayoutsMethod(), commissionId),
                ContractAccess.allows(caller, PayoutsServiceGrpc.getGetVoucherStockMethod(), commissionId),
                ContractAccess.allows(caller, PaymentPolicyServiceGrpc.getListPaymentPolicyRevisionsMethod(), commissionId),
                ContractAccess.allows(caller, RoleGrantsServiceGrpc.getListRoleGrantsMethod(), commissionId),
                commission.getState() != Commission.State.ARCHIVED
                        && ContractAccess.allows(caller, CommissionsServiceGrpc.getArchiveCommissionMethod(), commissionId));
    }
}
