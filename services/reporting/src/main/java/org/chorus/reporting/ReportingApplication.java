package org.chorus.reporting;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The reporting service: impact figures for dashboards, read from the other services' event feeds. So far a skeleton: gRPC server with health and reflection,
 * its own database migrated by Flyway, metrics and logs from the platform library. Its API is
 * sketched in {@code proto/chorus/reporting/v1} and not served yet.
 */
@SpringBootApplication
public class ReportingApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReportingApplication.class, args);
    }
}
