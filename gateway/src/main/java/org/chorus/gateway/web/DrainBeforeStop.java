package org.chorus.gateway.web;

import java.time.Duration;
import org.chorus.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * The first step of the gateway's graceful stop, as the services' {@code NotServingOnShutdown} is theirs: Spring
 * Boot has already turned readiness to refusing traffic, so the load balancer's next readiness check takes this
 * instance out; for {@code chorus.gateway.drain-delay} the gateway goes on serving what still arrives, and only
 * then do the servers stop taking requests and finish the ones in flight. Without the pause, a request sent on a
 * kept-alive connection just as the server closes it is lost (what a rolling restart saw).
 */
@Component
public class DrainBeforeStop implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(DrainBeforeStop.class);

    private final Duration drainDelay;

    public DrainBeforeStop(GatewayProperties properties) {
        this.drainDelay = properties.drainDelay();
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (drainDelay.isZero()) {
            return;
        }
        log.info("Not ready any more; still serving for {} before the servers stop", drainDelay);
        try {
            Thread.sleep(drainDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
