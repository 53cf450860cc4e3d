package org.chorus.membership;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The membership service: people in each commission: invitations, joining, pausing and leaving, roles, consent. So far a skeleton: gRPC server with health and reflection,
 * its own database migrated by Flyway, metrics and logs from the platform library. Its API is
 * sketched in {@code proto/chorus/membership/v1} and not served yet.
 */
@SpringBootApplication
public class MembershipApplication {

    public static void main(String[] args) {
        SpringApplication.run(MembershipApplication.class, args);
    }
}
