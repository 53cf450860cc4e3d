package org.chorus.commissions.provisioning;

import java.util.concurrent.TimeUnit;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.security.ServiceCredentials;
import org.chorus.platform.v1.CommissionProvisioningServiceGrpc;
import org.chorus.platform.v1.ProvisionCommissionRequest;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** Asks one service, as this service (its own credentials), to set a commission up. */
@Component
class ProvisioningGrpcClient implements CommissionSetUp {

    private static final long DEADLINE_SECONDS = 20;

    private final GrpcChannelFactory channels;
    private final ServiceCredentials credentials;

    ProvisioningGrpcClient(GrpcChannelFactory channels, ServiceCredentials credentials) {
        this.channels = channels;
        this.credentials = credentials;
    }

    @Override
    public void provision(String service, String commissionId) {
        CommissionProvisioningServiceGrpc.newBlockingStub(channels.createChannel(service))
                .withCallCredentials(credentials)
                .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .provisionCommission(ProvisionCommissionRequest.newBuilder().setName(new CommissionId(commissionId).resourceName()).build());
    }
}
