package org.chorus.membership;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The membership service: who holds which role in each commission (the source of truth, mirrored
 * into Keycloak groups) and the network's member organisations (Keycloak Organizations, with their
 * own sign-in). People, invitations and consent come later: {@code MembershipService} in the
 * contract is not served yet.
 */
@SpringBootApplication
@EnableScheduling
public class MembershipApplication {

    public static void main(String[] args) {
        SpringApplication.run(MembershipApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
