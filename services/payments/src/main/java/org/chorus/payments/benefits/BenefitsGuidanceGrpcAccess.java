package org.chorus.payments.benefits;

import org.chorus.identity.Role;
import org.chorus.payments.v1.BenefitsGuidanceServiceGrpc;
import org.chorus.platform.security.AccessRule;
import org.chorus.platform.security.MethodAccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call each method of benefits guidance. These are the first gate only: the service then
 * lets through only the member themself (and, for reading, the commission's finance role), which
 * turns away facilitators, coordinators and other members.
 */
@Configuration(proxyBeanMethods = false)
class BenefitsGuidanceGrpcAccess {

    @Bean
    MethodAccessPolicy benefitsGuidanceAccess() {
        return MethodAccessPolicy.builder()
                // Stateless and about no one in particular: anyone with a role in the commission.
                .allow(BenefitsGuidanceServiceGrpc.getPreviewBenefitsGuidanceMethod(),
                        AccessRule.inCommission(Role.MEMBER, Role.FACILITATOR, Role.FINANCE))
                .allow(BenefitsGuidanceServiceGrpc.getGetBenefitsSituationMethod(), AccessRule.inCommission(Role.MEMBER, Role.FINANCE))
                // Only the member saves their own; the service checks the caller is that member.
                .allow(BenefitsGuidanceServiceGrpc.getUpdateBenefitsSituationMethod(), AccessRule.inCommission(Role.MEMBER))
                .allow(BenefitsGuidanceServiceGrpc.getCreatePaymentChoiceMethod(), AccessRule.inCommission(Role.MEMBER))
                .allow(BenefitsGuidanceServiceGrpc.getGetPaymentChoiceMethod(), AccessRule.inCommission(Role.MEMBER, Role.FINANCE))
                .allow(BenefitsGuidanceServiceGrpc.getWriteAdviserLetterMethod(), AccessRule.inCommission(Role.MEMBER, Role.FINANCE))
                .build();
    }
}
