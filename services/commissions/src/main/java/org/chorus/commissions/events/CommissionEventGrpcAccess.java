package org.chorus.commissions.events;

import org.chorus.commissions.v1.CommissionEventsServiceGrpc;
import org.chorus.platform.security.AccessRule;
import org.chorus.platform.security.MethodAccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may read a commission's event feed: whoever may read the commission. */
@Configuration(proxyBeanMethods = false)
class CommissionEventGrpcAccess {

    @Bean
    MethodAccessPolicy commissionEventsAccess() {
        return MethodAccessPolicy.builder()
                .allow(CommissionEventsServiceGrpc.getWatchEventsMethod(), AccessRule.readersOfCommission())
                .build();
    }
}
