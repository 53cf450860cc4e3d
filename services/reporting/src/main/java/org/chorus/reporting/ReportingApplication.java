package org.chorus.reporting;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The reporting service: impact, for dashboards and for sharing back with members. It reads the feeds of
 * commissions, membership and payments into read models per commission (on a schedule, each event once), keeps
 * every commission's figures by measure and period for network roll-ups, records outcomes that count once a
 * coordinator approves them, and passes every figure about people through one disclosure control.
 */
@SpringBootApplication
@EnableScheduling
public class ReportingApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReportingApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
