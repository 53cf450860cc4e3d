package org.chorus.membership.grant;

import org.chorus.identity.Role;
import org.chorus.membership.v1.RoleGrantsServiceGrpc;
import org.chorus.platform.security.AccessRule;
import org.chorus.platform.security.MethodAccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call each method about role grants: the commission's facilitators and coordinators.
 * {@link RoleGrantService} checks again, and keeps the facilitator role for coordinators to give.
 */
@Configuration(proxyBeanMethods = false)
class RoleGrantGrpcAccess {

    @Bean
    MethodAccessPolicy roleGrantAccess() {
        return MethodAccessPolicy.builder()
                .allow(RoleGrantsServiceGrpc.getCreateRoleGrantMethod(), AccessRule.inCommission(Role.FACILITATOR))
                .allow(RoleGrantsServiceGrpc.getDeleteRoleGrantMethod(), AccessRule.inCommission(Role.FACILITATOR))
                .allow(RoleGrantsServiceGrpc.getListRoleGrantsMethod(), AccessRule.inCommission(Role.FACILITATOR))
                .build();
    }
}
