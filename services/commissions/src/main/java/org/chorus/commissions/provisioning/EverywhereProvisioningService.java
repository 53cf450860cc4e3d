package org.chorus.commissions.provisioning;

import java.util.List;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Opening a commission sets it up in every other service (membership, payments, reporting), each
 * with its own schema and role. A service that is down then is asked again by the reconciler, at
 * start-up and every minute, until it has answered; each service's set-up is safe to repeat.
 */
@Service
public class EverywhereProvisioningService {

    private static final Logger log = LoggerFactory.getLogger(EverywhereProvisioningService.class);

    private final CommissionSetUp client;
    private final ProvisioningRepository done;
    private final List<String> services;

    EverywhereProvisioningService(CommissionSetUp client, ProvisioningRepository done,
                           @Value("${chorus.commissions.provision-in:}") List<String> services) {
        this.client = client;
        this.done = done;
        this.services = services.stream().filter(s -> !s.isBlank()).toList();
    }

    /** Sets one commission up in every service at once; what fails is left to the reconciler. */
    public void provision(String commissionId) {
        try (var calls = Executors.newVirtualThreadPerTaskExecutor()) {
            services.forEach(service -> calls.submit(() -> provisionIn(service, commissionId)));
        }
    }

    /** Asks every service for each commission it has not set up yet. */
    @Scheduled(initialDelayString = "${chorus.commissions.reconcile-after:5s}", fixedDelayString = "${chorus.commissions.reconcile-every:60s}")
    public void reconcile() {
        for (String service : services) {
            for (String commissionId : done.missingIn(service)) {
                if (!provisionIn(service, commissionId)) {
                    break;
                }
            }
        }
    }

    private boolean provisionIn(String service, String commissionId) {
        try {
            client.provision(service, commissionId);
            done.recordDone(commissionId, service);
            return true;
        } catch (RuntimeException failure) {
            log.warn("Could not set commission {} up in {} yet; will try again: {}", commissionId, service, failure.getMessage());
            return false;
        }
    }
}
