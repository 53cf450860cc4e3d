package org.chorus.commissions.experiment;

import org.chorus.commissions.v1.CommissionExperimentsServiceGrpc;
import org.chorus.identity.Role;
import org.chorus.platform.security.AccessRule;
import org.chorus.platform.security.MethodAccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call each method about experiments: facilitators (and coordinators) plan and move them,
 * everyone in the commission reads them. {@link ExperimentService} checks again.
 */
@Configuration(proxyBeanMethods = false)
class ExperimentGrpcAccess {

    @Bean
    MethodAccessPolicy commissionExperimentsAccess() {
        return MethodAccessPolicy.builder()
                .allow(CommissionExperimentsServiceGrpc.getCreateExperimentMethod(), AccessRule.inCommission(Role.FACILITATOR))
                .allow(CommissionExperimentsServiceGrpc.getGetExperimentMethod(), AccessRule.readersOfCommission())
                .allow(CommissionExperimentsServiceGrpc.getListExperimentsMethod(), AccessRule.readersOfCommission())
                .allow(CommissionExperimentsServiceGrpc.getMoveExperimentMethod(), AccessRule.inCommission(Role.FACILITATOR))
                .build();
    }
}
