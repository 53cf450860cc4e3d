package org.chorus.payments;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The payments service: paying people for their time. Each commission's payment policy (dated and
 * versioned), claims for time and costs (made by hand, or from attendance read off the commissions
 * feed on a schedule) with their two approvals, the double-entry ledger, and benefits guidance with
 * each member's payment choice. Payouts come next.
 */
@SpringBootApplication
@EnableScheduling
public class PaymentsApplication {

    public static void main(String[] args) {
        SpringApplication.run(PaymentsApplication.class, args);
    }
}
