package org.chorus.commissions.decision;

import org.chorus.commissions.v1.CommissionPracticalDecisionsServiceGrpc;
import org.chorus.identity.Role;
import org.chorus.platform.security.AccessRule;
import org.chorus.platform.security.MethodAccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call each method about practical decisions: facilitators (and coordinators) record and
 * change them, everyone in the commission reads them. {@link PracticalDecisionService} checks again.
 */
@Configuration(proxyBeanMethods = false)
class PracticalDecisionGrpcAccess {

    @Bean
    MethodAccessPolicy commissionPracticalDecisionsAccess() {
        return MethodAccessPolicy.builder()
                .allow(CommissionPracticalDecisionsServiceGrpc.getCreatePracticalDecisionMethod(), AccessRule.inCommission(Role.FACILITATOR))
                .allow(CommissionPracticalDecisionsServiceGrpc.getGetPracticalDecisionMethod(), AccessRule.readersOfCommission())
                .allow(CommissionPracticalDecisionsServiceGrpc.getListPracticalDecisionsMethod(), AccessRule.readersOfCommission())
                .allow(CommissionPracticalDecisionsServiceGrpc.getUpdatePracticalDecisionMethod(), AccessRule.inCommission(Role.FACILITATOR))
                .build();
    }
}
