package org.chorus.commissions.provisioning;

import java.util.concurrent.TimeUnit;
import org.chorus.platform.security.ServiceCredentials;
import org.chorus.platform.v1.CommissionProvisioningServiceGrpc;
import org.chorus.platform.v1.ProvisionCommissionRequest;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** Asks one service, as this service (its own credentials), to set a commission up. */
@Component
class ProvisioningGrpcClient {

    private static final long DEADLINE_SECONDS = 20;

    private final GrpcChannelFactory channels;
    private final ServiceCredentials credentials;

    ProvisioningGrpcClient(GrpcChannelFactory channels, ServiceCredentials credentials) {
        this.channels = channels;
        this.credentials = credentials;
    }

    /** Sets the commission up in {@code service}; throws when the service could not. */
    void provision(String service, String commissionId) {
        CommissionProvisioningServiceGrpc.newBlockingStub(channels.createChannel(service))
                .withCallCredentials(credentials)
                .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .provisionCommission(ProvisionCommissionRequest.newBuilder().setName("commissions/" + commissionId).build());
    }
}
