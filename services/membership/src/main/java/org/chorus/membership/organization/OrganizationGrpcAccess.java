package org.chorus.membership.organization;

import org.chorus.membership.v1.OrganizationsServiceGrpc;
import org.chorus.platform.security.AccessRule;
import org.chorus.platform.security.MethodAccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call each method about member organisations: they are network-wide, so coordinators only. */
@Configuration(proxyBeanMethods = false)
class OrganizationGrpcAccess {

    @Bean
    MethodAccessPolicy organizationAccess() {
        return MethodAccessPolicy.builder()
                .allow(OrganizationsServiceGrpc.getCreateOrganizationMethod(), AccessRule.coordinators())
                .allow(OrganizationsServiceGrpc.getGetOrganizationMethod(), AccessRule.coordinators())
                .allow(OrganizationsServiceGrpc.getListOrganizationsMethod(), AccessRule.coordinators())
                .build();
    }
}
