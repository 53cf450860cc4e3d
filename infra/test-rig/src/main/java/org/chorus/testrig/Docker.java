package org.chorus.testrig;

import org.testcontainers.DockerClientFactory;

/**
 * Decides once per JVM whether the test servers run in containers (a Docker engine answers) or as
 * local processes. {@code -Dchorus.test-rig.docker=false} forces local processes.
 */
final class Docker {

    private static Boolean available;

    private Docker() {
    }

    static synchronized boolean available() {
        if (available == null) {
            boolean allowed = !"false".equalsIgnoreCase(System.getProperty("chorus.test-rig.docker"));
            available = allowed && answers();
            System.out.println("chorus-test-rig: " + (available
                    ? "a Docker engine answers: PostgreSQL and Keycloak run in Testcontainers"
                    : "no Docker engine: PostgreSQL and Keycloak run as local processes"));
        }
        return available;
    }

    private static boolean answers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
