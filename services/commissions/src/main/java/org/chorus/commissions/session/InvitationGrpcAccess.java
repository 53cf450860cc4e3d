package org.chorus.commissions.session;

import org.chorus.commissions.v1.CommissionInvitationsServiceGrpc;
import org.chorus.identity.Role;
import org.chorus.platform.security.AccessRule;
import org.chorus.platform.security.MethodAccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call each method about invitations: facilitators (and coordinators) invite; everyone in
 * the commission may read and reply, and {@link InvitationService} decides per object: your own, or
 * anyone's for a facilitator.
 */
@Configuration(proxyBeanMethods = false)
class InvitationGrpcAccess {

    @Bean
    MethodAccessPolicy commissionInvitationsAccess() {
        return MethodAccessPolicy.builder()
                .allow(CommissionInvitationsServiceGrpc.getCreateInvitationMethod(), AccessRule.inCommission(Role.FACILITATOR))
                .allow(CommissionInvitationsServiceGrpc.getGetInvitationMethod(), AccessRule.readersOfCommission())
                .allow(CommissionInvitationsServiceGrpc.getListInvitationsMethod(), AccessRule.readersOfCommission())
                .allow(CommissionInvitationsServiceGrpc.getReplyToInvitationMethod(), AccessRule.readersOfCommission())
                .build();
    }
}
