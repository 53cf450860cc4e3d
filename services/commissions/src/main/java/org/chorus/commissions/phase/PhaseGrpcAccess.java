package org.chorus.commissions.phase;

import org.chorus.commissions.v1.CommissionPhasesServiceGrpc;
import org.chorus.identity.Role;
import org.chorus.platform.security.AccessRule;
import org.chorus.platform.security.MethodAccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call each method about phases: facilitators (and coordinators) change them, everyone in
 * the commission reads them. {@link PhaseService} checks again for every change.
 */
@Configuration(proxyBeanMethods = false)
class PhaseGrpcAccess {

    @Bean
    MethodAccessPolicy commissionPhasesAccess() {
        return MethodAccessPolicy.builder()
                .allow(CommissionPhasesServiceGrpc.getGetPhaseModelMethod(), AccessRule.readersOfCommission())
                .allow(CommissionPhasesServiceGrpc.getUpdatePhaseModelMethod(), AccessRule.inCommission(Role.FACILITATOR))
                .allow(CommissionPhasesServiceGrpc.getMovePhaseMethod(), AccessRule.inCommission(Role.FACILITATOR))
                .allow(CommissionPhasesServiceGrpc.getListPhaseTransitionsMethod(), AccessRule.readersOfCommission())
                .build();
    }
}
