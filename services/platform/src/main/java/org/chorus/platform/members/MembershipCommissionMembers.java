package org.chorus.platform.members;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.chorus.membership.v1.GetMemberRequest;
import org.chorus.membership.v1.ListRoleGrantsRequest;
import org.chorus.membership.v1.Member;
import org.chorus.membership.v1.MembershipServiceGrpc;
import org.chorus.membership.v1.RoleGrantsServiceGrpc;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.security.Callers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * Asks the membership service (the {@code membership} channel) whether a person is in a commission:
 * their member record ({@code GetMember}), then {@code ListRoleGrants} filtered to them, relaying the
 * caller's token, with a deadline.
 */
public final class MembershipCommissionMembers implements CommissionMembers {

    private static final Logger log = LoggerFactory.getLogger(MembershipCommissionMembers.class);
    private static final long DEADLINE_SECONDS = 5;

    private final GrpcChannelFactory channels;

    public MembershipCommissionMembers(GrpcChannelFactory channels) {
        this.channels = channels;
    }

    @Override
    public boolean isInCommission(CommissionId commission, String member) {
        try {
            Member.State state = MembershipServiceGrpc.newBlockingStub(channels.createChannel("membership"))
                    .withInterceptors(Callers.relayingTheCaller())
                    .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .getMember(GetMemberRequest.newBuilder().setName(commission.resourceName() + "/members/" + member).build())
                    .getState();
            return state != Member.State.LEFT && state != Member.State.ERASED;
        } catch (StatusRuntimeException failure) {
            if (failure.getStatus().getCode() != Status.Code.NOT_FOUND && failure.getStatus().getCode() != Status.Code.INVALID_ARGUMENT) {
                throw unavailable(commission, failure);
            }
        }
        return holdsActiveRole(commission, member);
    }

    private boolean holdsActiveRole(CommissionId commission, String member) {
        try {
            return RoleGrantsServiceGrpc.newBlockingStub(channels.createChannel("membership"))
                    .withInterceptors(Callers.relayingTheCaller())
                    .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .listRoleGrants(ListRoleGrantsRequest.newBuilder()
                            .setParent(commission.resourceName())
                            .setSubject(member)
                            .setPageSize(1)
                            .build())
                    .getRoleGrantsCount() > 0;
        } catch (StatusRuntimeException failure) {
            if (failure.getStatus().getCode() == Status.Code.NOT_FOUND) {
                // Membership has not set this commission up yet: nobody holds a role in it there.
                return false;
            }
            throw unavailable(commission, failure);
        }
    }

    private static StatusRuntimeException unavailable(CommissionId commission, StatusRuntimeException failure) {
        log.warn("Could not ask membership who is in commission {}: {}", commission.value(), failure.getStatus().getCode());
        return Status.UNAVAILABLE
                .withDescription("We could not check who is in the commission just now. Please try again in a minute.")
                .asRuntimeException();
    }
}
