package org.chorus.payments;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The payments service: valuing people's time: payment policy, claims, the ledger, payouts and benefits guidance. So far a skeleton: gRPC server with health and reflection,
 * its own database migrated by Flyway, metrics and logs from the platform library. Its API is
 * sketched in {@code proto/chorus/payments/v1} and not served yet.
 */
@SpringBootApplication
public class PaymentsApplication {

    public static void main(String[] args) {
        SpringApplication.run(PaymentsApplication.class, args);
    }
}
