package org.chorus.platform.tenancy;

import io.grpc.stub.StreamObserver;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.security.AccessRule;
import org.chorus.platform.security.MethodAccessPolicy;
import org.chorus.platform.v1.CommissionProvisioningServiceGrpc;
import org.chorus.platform.v1.ProvisionCommissionRequest;
import org.chorus.platform.v1.ProvisionCommissionResponse;

/** Every service's answer to "set this commission up here": only other Chorus services may ask. */
public final class ProvisioningGrpcService extends CommissionProvisioningServiceGrpc.CommissionProvisioningServiceImplBase {

    private static final String PREFIX = "commissions/";

    private final String service;
    private final CommissionSchemaProvisioner provisioner;

    public ProvisioningGrpcService(String service, CommissionSchemaProvisioner provisioner) {
        this.service = service;
        this.provisioner = provisioner;
    }

    /** Only services, with their own credentials, may set commissions up. */
    public static MethodAccessPolicy access() {
        return MethodAccessPolicy.builder()
                .allow(CommissionProvisioningServiceGrpc.getProvisionCommissionMethod(), AccessRule.services())
                .build();
    }

    @Override
    public void provisionCommission(ProvisionCommissionRequest request, StreamObserver<ProvisionCommissionResponse> response) {
        String name = request.getName();
        String id = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : "";
        try {
            provisioner.provision(id);
        } catch (IllegalArgumentException notAnId) {
            throw ChorusException.invalid("INVALID_NAME", "name", "The name must look like \"commissions/leeds\".");
        }
        response.onNext(ProvisionCommissionResponse.newBuilder().setName(name).setService(service).build());
        response.onCompleted();
    }
}
