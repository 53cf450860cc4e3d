package org.chorus.membership;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The membership service: the people of each commission (their details sealed under keys of their
 * own, their time with the commission, consent purpose by purpose, access needs, and their right to
 * their data), who holds which role in each commission (the source of truth, mirrored into Keycloak
 * groups), and the network's member organisations (Keycloak Organizations, with their own sign-in).
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
