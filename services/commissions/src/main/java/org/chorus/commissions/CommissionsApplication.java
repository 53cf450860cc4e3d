package org.chorus.commissions;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The commissions service: the network's registry of commissions, and each commission's life. */
@SpringBootApplication
@EnableScheduling
public class CommissionsApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommissionsApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
