package org.chorus.platform.tenancy;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * At start-up, brings every commission already set up in this service to the newest {@code db/commission} migrations
 * (set-up is safe to repeat), so a new table reaches the commissions set up before it existed, wherever their
 * database is. It works in the background: the service is ready at once, however many commissions there are, and
 * a commission called before the job reaches it is brought up to date first, on that call
 * ({@link CommissionSchemaProvisioner#ensureUpToDate}). Several instances may do it at once: they take turns per
 * commission (an advisory lock, and Flyway's own).
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
        List<String> commissions = transactions.provisionedCommissions();
        provisioner.markBehind(commissions);
        Thread.ofPlatform().daemon().name("commission-schemas-up-to-date").start(() -> bringUpToDate(commissions));
    }

    private void bringUpToDate(List<String> commissions) {
        long start = System.nanoTime();
        for (String commission : commissions) {
            try {
                provisioner.ensureUpToDate(commission);
            } catch (RuntimeException failure) {
                // It is tried again on the commission's next call.
                log.warn("Could not bring commission {} up to date: {}", commission, failure.getMessage());
            }
        }
        log.info("{} commissions brought up to date in {} ms ({} left for their next call)", commissions.size(),
                (System.nanoTime() - start) / 1_000_000, provisioner.behind());
    }
}
