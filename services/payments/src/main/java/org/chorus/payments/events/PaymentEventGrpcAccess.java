package org.chorus.payments.events;

import org.chorus.payments.v1.PaymentEventsServiceGrpc;
import org.chorus.platform.security.AccessRule;
import org.chorus.platform.security.MethodAccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may read a commission's payment events: Chorus services (reporting) and network coordinators.
 * The feed names people by id with amounts, so dashboards and people in the commission read totals
 * through reporting instead.
 */
@Configuration(proxyBeanMethods = false)
class PaymentEventGrpcAccess {

    @Bean
    MethodAccessPolicy paymentEventsAccess() {
        return MethodAccessPolicy.builder()
                .allow(PaymentEventsServiceGrpc.getWatchPaymentEventsMethod(), AccessRule.feedReaders())
                .build();
    }
}
