package org.chorus.console.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.membership.v1.MembershipServiceGrpc;
import org.chorus.payments.v1.PaymentsServiceGrpc;
import org.junit.jupiter.api.Test;

/** The links follow the access the contract declares (docs/access-matrix.md is generated from the same options). */
class ContractAccessTest {

    private static final Caller COORDINATOR = new Caller("c-1", Optional.empty(), Set.of(Role.COORDINATOR), Map.of());
    private static final Caller LEEDS_FINANCE = new Caller("f-1", Optional.empty(), Set.of(), Map.of("leeds", Set.of(Role.FINANCE)));
    private static final Caller LEEDS_MEMBER = new Caller("m-1", Optional.empty(), Set.of(), Map.of("leeds", Set.of(Role.MEMBER)));

    @Test
    void onlyCoordinatorsOpenACommission() {
        assertThat(ContractAccess.allows(COORDINATOR, CommissionsServiceGrpc.getCreateCommissionMethod(), null)).isTrue();
        assertThat(ContractAccess.allows(LEEDS_FINANCE, CommissionsServiceGrpc.getCreateCommissionMethod(), null)).isFalse();
        assertThat(ContractAccess.allows(LEEDS_MEMBER, CommissionsServiceGrpc.getCreateCommissionMethod(), null)).isFalse();
    }

    @Test
    void financeApprovesClaimsOnlyInItsOwnCommission() {
        assertThat(ContractAccess.allows(LEEDS_FINANCE, PaymentsServiceGrpc.getApproveClaimMethod(), "leeds")).isTrue();
        assertThat(ContractAccess.allows(LEEDS_FINANCE, PaymentsServiceGrpc.getApproveClaimMethod(), "salford")).isFalse();
        assertThat(ContractAccess.allows(LEEDS_MEMBER, PaymentsServiceGrpc.getApproveClaimMethod(), "leeds")).isFalse();
    }

    @Test
    void membersDoNotListTheOtherMembers() {
        assertThat(ContractAccess.allows(LEEDS_MEMBER, MembershipServiceGrpc.getListMembersMethod(), "leeds")).isFalse();
        assertThat(ContractAccess.allows(COORDINATOR, MembershipServiceGrpc.getListMembersMethod(), "leeds")).isTrue();
    }

    @Test
    void anyoneSignedInListsCommissions() {
        assertThat(ContractAccess.allows(LEEDS_MEMBER, CommissionsServiceGrpc.getListCommissionsMethod(), null)).isTrue();
    }
}
