package org.chorus.membership.grant;

import static org.chorus.platform.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import java.util.UUID;
import org.chorus.identity.Role;
import org.chorus.membership.v1.CreateRoleGrantRequest;
import org.chorus.membership.v1.DeleteRoleGrantRequest;
import org.chorus.membership.v1.ListRoleGrantsRequest;
import org.chorus.membership.v1.ListRoleGrantsResponse;
import org.chorus.membership.v1.RoleGrantsServiceGrpc;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.names.ResourceName;
import org.chorus.platform.names.ResourcePattern;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** Role grants' gRPC adapter: maps the contract to the use cases and back, nothing else. */
@GrpcService
class RoleGrantGrpcService extends RoleGrantsServiceGrpc.RoleGrantsServiceImplBase {

    private static final ResourcePattern GRANT = ResourcePattern.of("commissions/{commission}/roleGrants/{role_grant}");

    private final RoleGrantService grants;

    RoleGrantGrpcService(RoleGrantService grants) {
        this.grants = grants;
    }

    @Override
    public void createRoleGrant(CreateRoleGrantRequest request, StreamObserver<org.chorus.membership.v1.RoleGrant> response) {
        String commission = CommissionId.parse(request.getParent(), "parent").value();
        var sent = request.getRoleGrant();
        NewRoleGrant command = NewRoleGrant.of(commission, sent.getPerson(), role(sent.getRole()), request.getRequestId(),
                request.getReason());
        reply(response, toProto(grants.create(Callers.current(), command)));
    }

    @Override
    public void deleteRoleGrant(DeleteRoleGrantRequest request, StreamObserver<org.chorus.membership.v1.RoleGrant> response) {
        ResourceName name = GRANT.parse(request.getName(), "name");
        UUID id;
        try {
            id = UUID.fromString(name.last());
        } catch (IllegalArgumentException notUuid) {
            throw ChorusException.invalid("INVALID_NAME", "name",
                    "A role grant's name looks like \"commissions/leeds/roleGrants/\" and then its id, a UUID.");
        }
        reply(response, toProto(grants.revoke(Callers.current(), name.commission().value(), id, request.getReason())));
    }

    @Override
    public void listRoleGrants(ListRoleGrantsRequest request, StreamObserver<ListRoleGrantsResponse> response) {
        String commission = CommissionId.parse(request.getParent(), "parent").value();
        var page = grants.list(Callers.current(), commission, request.getShowRevoked(),
                request.getSubject().isEmpty() ? null : request.getSubject(), request.getPageSize(), request.getPageToken());
        var list = ListRoleGrantsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(g -> list.addRoleGrants(toProto(g)));
        reply(response, list.build());
    }

    private static Role role(org.chorus.membership.v1.RoleGrant.Role role) {
        return switch (role) {
            case FACILITATOR -> Role.FACILITATOR;
            case FINANCE -> Role.FINANCE;
            case MEMBER -> Role.MEMBER;
            case VIEWER -> Role.VIEWER;
            case ROLE_UNSPECIFIED, UNRECOGNIZED -> null;
        };
    }

    static org.chorus.membership.v1.RoleGrant toProto(RoleGrant g) {
        var proto = org.chorus.membership.v1.RoleGrant.newBuilder()
                .setName(g.resourceName())
                .setPerson(g.person())
                .setRole(switch (g.role()) {
                    case FACILITATOR -> org.chorus.membership.v1.RoleGrant.Role.FACILITATOR;
                    case FINANCE -> org.chorus.membership.v1.RoleGrant.Role.FINANCE;
                    case MEMBER -> org.chorus.membership.v1.RoleGrant.Role.MEMBER;
                    case VIEWER -> org.chorus.membership.v1.RoleGrant.Role.VIEWER;
                    default -> throw new IllegalStateException("Not a commission role: " + g.role());
                })
                .setSubject(g.subject() == null ? "" : g.subject())
                .setState(g.active() ? org.chorus.membership.v1.RoleGrant.State.ACTIVE : org.chorus.membership.v1.RoleGrant.State.REVOKED)
                .setMirrorState(g.mirrorState() == RoleGrant.MirrorState.MIRRORED
                        ? org.chorus.membership.v1.RoleGrant.MirrorState.MIRRORED
                        : org.chorus.membership.v1.RoleGrant.MirrorState.PENDING)
                .setGrantedBy(g.grantedBy())
                .setCreateTime(ProtoTime.timestamp(g.createTime()));
        if (!g.active()) {
            proto.setRevokedBy(g.revokedBy()).setRevokeTime(ProtoTime.timestamp(g.revokeTime()));
        }
        return proto.build();
    }

}
