package org.chorus.payments.ledger;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring only: the ledger over its repository. */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean
    Ledger ledger(LedgerRepository transfers, Clock clock) {
        return new Ledger(transfers, clock);
    }
}
