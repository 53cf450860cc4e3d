package org.chorus.platform.grpc;

import io.grpc.protobuf.services.HealthStatusManager;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The first step of a graceful stop: tell health checkers NOT_SERVING, give load balancers the
 * drain delay to notice, and only then let the gRPC server stop taking calls and finish the ones
 * in flight (its shutdown grace period). The context-closed event comes before any lifecycle bean
 * stops, so the server is still serving while the status changes.
 */
public final class NotServingOnShutdown implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(NotServingOnShutdown.class);

    private final HealthStatusManager health;
    private final Duration drainDelay;

    public NotServingOnShutdown(HealthStatusManager health, Duration drainDelay) {
        this.health = health;
        this.drainDelay = drainDelay;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        health.enterTerminalState();
        log.info("gRPC health is NOT_SERVING; draining for {} before the server stops", drainDelay);
        if (!drainDelay.isZero()) {
            try {
                Thread.sleep(drainDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
