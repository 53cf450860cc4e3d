package org.chorus.commissions.groundrules;

import org.chorus.commissions.v1.CommissionGroundRulesServiceGrpc;
import org.chorus.identity.Role;
import org.chorus.platform.security.AccessRule;
import org.chorus.platform.security.MethodAccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call each method about the ground rules: facilitators (and coordinators) record what the
 * group agreed, everyone in the commission reads them. {@link GroundRulesService} checks again.
 */
@Configuration(proxyBeanMethods = false)
class GroundRulesGrpcAccess {

    @Bean
    MethodAccessPolicy commissionGroundRulesAccess() {
        return MethodAccessPolicy.builder()
                .allow(CommissionGroundRulesServiceGrpc.getGetGroundRulesMethod(), AccessRule.readersOfCommission())
                .allow(CommissionGroundRulesServiceGrpc.getUpdateGroundRulesMethod(), AccessRule.inCommission(Role.FACILITATOR))
                .allow(CommissionGroundRulesServiceGrpc.getListGroundRulesRevisionsMethod(), AccessRule.readersOfCommission())
                .build();
    }
}
