package org.chorus.commissions.membership;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.chorus.membership.v1.GetOrganizationRequest;
import org.chorus.membership.v1.OrganizationsServiceGrpc;
import org.chorus.platform.security.Callers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** Asks the membership service whether a member organisation exists ({@code GetOrganization}), relaying the caller's token, with a deadline. */
@Component
class MembershipGrpcClient implements MemberOrganizations {

    private static final Logger log = LoggerFactory.getLogger(MembershipGrpcClient.class);
    private static final long DEADLINE_SECONDS = 5;

    private final GrpcChannelFactory channels;

    MembershipGrpcClient(GrpcChannelFactory channels) {
        this.channels = channels;
    }

    @Override
    public boolean exists(String organization) {
        try {
            OrganizationsServiceGrpc.newBlockingStub(channels.createChannel("membership"))
                    .withInterceptors(Callers.relayingTheCaller())
                    .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .getOrganization(GetOrganizationRequest.newBuilder().setName(organization).build());
            return true;
        } catch (StatusRuntimeException failure) {
            if (failure.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return false;
            }
            log.warn("Could not ask membership about a member organisation: {}", failure.getStatus().getCode());
            throw Status.UNAVAILABLE
                    .withDescription("We could not check the host organisations just now. Please try again in a minute.")
                    .asRuntimeException();
        }
    }
}
