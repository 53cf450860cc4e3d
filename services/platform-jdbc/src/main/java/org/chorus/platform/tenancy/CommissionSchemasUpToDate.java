package org.chorus.platform.tenancy;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * At start-up, brings every commission already set up in this service to the newest
 * {@code db/commission} migrations (set-up is safe to repeat), so a new table reaches the
 * commissions set up before it existed, wherever their database is.
 */
public final class CommissionSchemasUpToDate implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CommissionSchemasUpToDate.class);

    private final JdbcClient jdbc;
    private final CommissionSchemaProvisioner provisioner;

    public CommissionSchemasUpToDate(JdbcClient jdbc, CommissionSchemaProvisioner provisioner) {
        this.jdbc = jdbc;
        this.provisioner = provisioner;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> commissions = jdbc.sql("SELECT commission_id FROM network.provisioned_commission ORDER BY commission_id")
                .query(String.class).list();
        for (String commission : commissions) {
            try {
                provisioner.provision(commission);
            } catch (RuntimeException failure) {
                log.warn("Could not bring commission {} up to date: {}", commission, failure.getMessage());
            }
        }
    }
}
