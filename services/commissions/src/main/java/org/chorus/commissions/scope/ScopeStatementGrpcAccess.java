package org.chorus.commissions.scope;

import org.chorus.commissions.v1.CommissionScopeServiceGrpc;
import org.chorus.identity.Role;
import org.chorus.platform.security.AccessRule;
import org.chorus.platform.security.MethodAccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call each method about the scope statement: facilitators (and coordinators) change it,
 * everyone in the commission reads it. {@link ScopeStatementService} checks again for a facilitator.
 */
@Configuration(proxyBeanMethods = false)
class ScopeStatementGrpcAccess {

    @Bean
    MethodAccessPolicy commissionScopeAccess() {
        return MethodAccessPolicy.builder()
                .allow(CommissionScopeServiceGrpc.getGetScopeStatementMethod(), AccessRule.readersOfCommission())
                .allow(CommissionScopeServiceGrpc.getUpdateScopeStatementMethod(), AccessRule.inCommission(Role.FACILITATOR))
                .allow(CommissionScopeServiceGrpc.getListScopeStatementRevisionsMethod(), AccessRule.readersOfCommission())
                .build();
    }
}
