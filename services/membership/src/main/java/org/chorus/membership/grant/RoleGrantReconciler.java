package org.chorus.membership.grant;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps Keycloak honest: every minute (and soon after start-up), mirrors each commission's grants
 * that are still PENDING, for instance because Keycloak was down when they were made or revoked.
 */
@Component
class RoleGrantReconciler {

    private static final Logger log = LoggerFactory.getLogger(RoleGrantReconciler.class);

    private final RoleGrantService grants;
    private final JdbcClient jdbc;

    RoleGrantReconciler(RoleGrantService grants, JdbcClient jdbc) {
        this.grants = grants;
        this.jdbc = jdbc;
    }

    @Scheduled(initialDelayString = "${chorus.membership.mirror-after:10s}", fixedDelayString = "${chorus.membership.mirror-every:60s}")
    void reconcile() {
        List<String> commissions = jdbc.sql("SELECT commission_id FROM network.provisioned_commission ORDER BY commission_id")
                .query(String.class).list();
        for (String commission : commissions) {
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
