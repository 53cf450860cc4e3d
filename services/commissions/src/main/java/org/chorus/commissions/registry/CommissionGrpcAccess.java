package org.chorus.commissions.registry;

import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.platform.security.AccessRule;
import org.chorus.platform.security.MethodAccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call each method of the registry. The service narrows lists to what the caller may see. */
@Configuration(proxyBeanMethods = false)
class CommissionGrpcAccess {

    @Bean
    MethodAccessPolicy commissionRegistryAccess() {
        return MethodAccessPolicy.builder()
                .allow(CommissionsServiceGrpc.getCreateCommissionMethod(), AccessRule.coordinators())
                .allow(CommissionsServiceGrpc.getGetCommissionMethod(), AccessRule.readersOfCommission())
                .allow(CommissionsServiceGrpc.getListCommissionsMethod(), AccessRule.signedIn())
                .allow(CommissionsServiceGrpc.getArchiveCommissionMethod(), AccessRule.coordinators())
                .build();
    }
}
