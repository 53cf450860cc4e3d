package org.chorus.console.pages;

import org.chorus.commissions.v1.CommissionExperimentsServiceGrpc;
import org.chorus.commissions.v1.CommissionFocusIssuesServiceGrpc;
import org.chorus.console.platform.ContractAccess;
import org.chorus.identity.Caller;

/**
 * The group's own work on a commission's home page, from the contract: the issues it focuses on and its tests of
 * change. Everyone in the commission may read both; what each may do there is decided on those pages.
 */
public record GroupWorkLinks(boolean focusIssues, boolean experiments) {

    static GroupWorkLinks of(Caller caller, String commissionId) {
        return new GroupWorkLinks(
                ContractAccess.allows(caller, CommissionFocusIssuesServiceGrpc.getListFocusIssuesMethod(), commissionId),
                ContractAccess.allows(caller, CommissionExperimentsServiceGrpc.getListExperimentsMethod(), commissionId));
    }
}
