package org.chorus.platform.tenancy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * At start-up, brings every commission already set up in this service to the newest
 * {@code db/commission} migrations (set-up is safe to repeat), so a new table reaches the
 * commissions set up before it existed, wherever their database is.
 */
public final class CommissionSchemasUpToDate implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CommissionSchemasUpToDate.class);

    private final CommissionTransactions transactions;
    private final CommissionSchemaProvisioner provisioner;

    public CommissionSchemasUpToDate(CommissionTransactions transactions, CommissionSchemaProvisioner provisioner) {
        this.transactions = transactions;
        this.provisioner = provisioner;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String commission : transactions.provisionedCommissions()) {
            try {
                provisioner.provision(commission);
            } catch (RuntimeException failure) {
                log.warn("Could not bring commission {} up to date: {}", commission, failure.getMessage());
            }
        }
    }
}
