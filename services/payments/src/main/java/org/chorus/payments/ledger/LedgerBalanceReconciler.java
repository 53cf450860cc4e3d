package org.chorus.payments.ledger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chorus.platform.jobs.OneAtATime;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An inbound adapter driven by the clock: every minute, each commission's ledger is checked to balance, and the
 * result exported as {@code chorus_ledger_imbalance_pence{commission}} (debits minus credits, as posted), which the
 * alert {@code ChorusLedgerImbalanced} watches. The tests and the crash suite check the same after every step.
 */
@Component
class LedgerBalanceReconciler {

    private static final Logger log = LoggerFactory.getLogger(LedgerBalanceReconciler.class);

    private final OneAtATime jobs;
    private final LedgerViewService ledgers;
    private final CommissionTransactions transactions;
    private final MeterRegistry meters;
    private final Map<String, Long> imbalance = new ConcurrentHashMap<>();

    LedgerBalanceReconciler(LedgerViewService ledgers, CommissionTransactions transactions, MeterRegistry meters, OneAtATime jobs) {
        this.jobs = jobs;
        this.ledgers = ledgers;
        this.transactions = transactions;
        this.meters = meters;
    }

    @Scheduled(initialDelayString = "${chorus.payments.check-ledgers-after:5s}", fixedDelayString = "${chorus.payments.check-ledgers-every:60s}")
    void checkTheLedgers() {
        jobs.run("ledger-balance", this::checkTheLedgersNow);
    }

    /** One round, by this instance alone (the others skip it). */
    private void checkTheLedgersNow() {
        for (String commission : transactions.provisionedCommissions()) {
            try {
                long pence = ledgers.imbalancePence(commission);
                if (imbalance.put(commission, pence) == null) {
                    Gauge.builder("chorus.ledger.imbalance.pence", imbalance, by -> by.getOrDefault(commission, 0L))
                            .description("Debits minus credits of a commission's money, as posted: 0 unless something is badly wrong")
                            .tag("commission", commission)
                            .register(meters);
                }
                if (pence != 0) {
                    log.error("The ledger of commission {} does not balance: debits minus credits is {} pence", commission, pence);
                }
            } catch (RuntimeException failure) {
                log.warn("Could not check the ledger of commission {}; will try again: {}", commission, failure.getMessage());
            }
        }
    }
}
