package org.chorus.membership.grant;

import org.chorus.platform.jobs.OneAtATime;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An inbound adapter driven by the clock. Keeps Keycloak honest: every minute (and soon after start-up), mirrors each commission's grants
 * that are still PENDING, for instance because Keycloak was down when they were made or revoked.
 */
@Component
class RoleGrantReconciler {

    private static final Logger log = LoggerFactory.getLogger(RoleGrantReconciler.class);

    private final OneAtATime jobs;
    private final RoleGrantService grants;
    private final CommissionTransactions transactions;

    RoleGrantReconciler(RoleGrantService grants, CommissionTransactions transactions, OneAtATime jobs) {
        this.jobs = jobs;
        this.grants = grants;
        this.transactions = transactions;
    }

    @Scheduled(initialDelayString = "${chorus.membership.mirror-after:10s}", fixedDelayString = "${chorus.membership.mirror-every:60s}")
    void reconcile() {
        jobs.run("role-grants-mirror", this::reconcileNow);
    }

    /** One round, by this instance alone (the others skip it). */
    private void reconcileNow() {
        for (String commission : transactions.provisionedCommissions()) {
            try {
                int done = grants.mirrorPending(commission);
                if (done > 0) {
                    log.info("Mirrored {} pending role grants of commission {} to Keycloak", done, commission);
                }
            } catch (RuntimeException failure) {
                log.warn("Could not mirror the pending role grants of commission {}: {}", commission, failure.getMessage());
            }
        }
    }
}
