package org.chorus.platform.tenancy;

import static org.chorus.platform.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.v1.CommissionProvisioningServiceGrpc;
import org.chorus.platform.v1.ProvisionCommissionRequest;
import org.chorus.platform.v1.ProvisionCommissionResponse;

/** Every service's answer to "set this commission up here": only other Chorus services may ask (the contract says so). */
public final class ProvisioningGrpcService extends CommissionProvisioningServiceGrpc.CommissionProvisioningServiceImplBase {

    private final String service;
    private final CommissionSchemaProvisioner provisioner;

    public ProvisioningGrpcService(String service, CommissionSchemaProvisioner provisioner) {
        this.service = service;
        this.provisioner = provisioner;
    }

    @Override
    public void provisionCommission(ProvisionCommissionRequest request, StreamObserver<ProvisionCommissionResponse> response) {
        CommissionId commission = CommissionId.parse(request.getName(), "name");
        provisioner.provision(commission.value());
        reply(response, ProvisionCommissionResponse.newBuilder().setName(commission.resourceName()).setService(service).build());
    }
}
