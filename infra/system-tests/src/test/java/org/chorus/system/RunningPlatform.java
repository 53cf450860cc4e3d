package org.chorus.system;

import org.chorus.launcher.ChorusPlatform;
import org.chorus.launcher.PlatformConfig;
import org.chorus.launcher.ProjectRoot;
import org.chorus.testrig.RealKeycloak;
import org.chorus.testrig.RealPostgres;
import org.chorus.testrig.RealServers;

/**
 * The whole platform, started once per test JVM the way {@code ./chorus up} starts it: the services
 * and the gateway as processes, on the test rig's real PostgreSQL and Keycloak (containers where
 * Docker runs, local processes where it does not).
 */
final class RunningPlatform {

    private static ChorusPlatform platform;

    private RunningPlatform() {
    }

    static synchronized ChorusPlatform get() {
        if (platform == null) {
            PlatformConfig config = PlatformConfig.forTests(ProjectRoot.find())
                    .withExternalPostgres(RealPostgres.get().endpoint())
                    .withExternalKeycloak(RealKeycloak.get().endpoint());
            platform = ChorusPlatform.start(config);
            RealServers.stopAtExit(platform);
        }
        return platform;
    }
}
