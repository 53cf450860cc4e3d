package org.chorus.membership.member;

import org.chorus.platform.jobs.OneAtATime;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An inbound adapter driven by the clock: every hour (and soon after start-up), erases in each
 * commission the people who left longer ago than its retention policy says and did not ask to be kept.
 */
@Component
class RetentionReconciler {

    private static final Logger log = LoggerFactory.getLogger(RetentionReconciler.class);

    private final OneAtATime jobs;
    private final MemberService members;
    private final CommissionTransactions transactions;

    RetentionReconciler(MemberService members, CommissionTransactions transactions, OneAtATime jobs) {
        this.jobs = jobs;
        this.members = members;
        this.transactions = transactions;
    }

    @Scheduled(initialDelayString = "${chorus.membership.retention-after:60s}", fixedDelayString = "${chorus.membership.retention-every:1h}")
    void eraseWhenDue() {
        jobs.run("retention", this::eraseWhenDueNow);
    }

    /** One round, by this instance alone (the others skip it). */
    private void eraseWhenDueNow() {
        for (String commission : transactions.provisionedCommissions()) {
            try {
                int erased = members.eraseAfterRetention(commission);
                if (erased > 0) {
                    log.info("Erased {} people of commission {} who left longer ago than its retention policy", erased, commission);
                }
            } catch (RuntimeException failure) {
                log.warn("Could not apply the retention policy of commission {}; will try again: {}", commission, failure.getMessage());
            }
        }
    }
}
