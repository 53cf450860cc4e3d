package org.chorus.commissions.focus;

import org.chorus.commissions.v1.CommissionFocusIssuesServiceGrpc;
import org.chorus.identity.Role;
import org.chorus.platform.security.AccessRule;
import org.chorus.platform.security.MethodAccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call each method about focus issues: people taking part propose them, facilitators (and
 * coordinators) record the group's decision, everyone in the commission reads them.
 * {@link FocusIssueService} checks again.
 */
@Configuration(proxyBeanMethods = false)
class FocusIssueGrpcAccess {

    @Bean
    MethodAccessPolicy commissionFocusIssuesAccess() {
        return MethodAccessPolicy.builder()
                .allow(CommissionFocusIssuesServiceGrpc.getCreateFocusIssueMethod(),
                        AccessRule.inCommission(Role.FACILITATOR, Role.MEMBER, Role.FINANCE))
                .allow(CommissionFocusIssuesServiceGrpc.getGetFocusIssueMethod(), AccessRule.readersOfCommission())
                .allow(CommissionFocusIssuesServiceGrpc.getListFocusIssuesMethod(), AccessRule.readersOfCommission())
                .allow(CommissionFocusIssuesServiceGrpc.getDecideFocusIssueMethod(), AccessRule.inCommission(Role.FACILITATOR))
                .build();
    }
}
