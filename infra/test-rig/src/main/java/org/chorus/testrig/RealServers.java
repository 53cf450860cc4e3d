package org.chorus.testrig;

import java.util.ArrayList;
import java.util.List;

/**
 * Stops the JVM-wide test servers when the JVM exits, newest first (Keycloak before the
 * PostgreSQL it stores its data in). One shutdown hook for all, because separate hooks run in
 * parallel and in no defined order. Anything started on top of these servers (the system tests'
 * platform) registers here too, so it stops before the servers it uses.
 */
public final class RealServers {

    private static final List<AutoCloseable> STARTED = new ArrayList<>();
    private static boolean hookRegistered;

    private RealServers() {
    }

    public static synchronized void stopAtExit(AutoCloseable server) {
        STARTED.add(server);
        if (!hookRegistered) {
            hookRegistered = true;
            Runtime.getRuntime().addShutdownHook(new Thread(RealServers::stopAll, "chorus-test-rig-shutdown"));
        }
    }

    private static void stopAll() {
        List<AutoCloseable> toStop;
        synchronized (RealServers.class) {
            toStop = new ArrayList<>(STARTED);
            STARTED.clear();
        }
        for (int i = toStop.size() - 1; i >= 0; i--) {
            try {
                toStop.get(i).close();
            } catch (Exception e) {
                System.err.println("chorus-test-rig: could not stop a test server: " + e.getMessage());
            }
        }
    }
}
