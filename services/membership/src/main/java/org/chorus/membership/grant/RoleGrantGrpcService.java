package org.chorus.membership.grant;

import io.grpc.stub.StreamObserver;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.identity.Role;
import org.chorus.membership.shared.Requests;
import org.chorus.membership.v1.CreateRoleGrantRequest;
import org.chorus.membership.v1.DeleteRoleGrantRequest;
import org.chorus.membership.v1.ListRoleGrantsRequest;
import org.chorus.membership.v1.ListRoleGrantsResponse;
import org.chorus.membership.v1.RoleGrantsServiceGrpc;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** Role grants' gRPC adapter: maps the contract to the use cases and back, nothing else. */
@GrpcService
class RoleGrantGrpcService extends RoleGrantsServiceGrpc.RoleGrantsServiceImplBase {

    private static final Pattern COMMISSION = Pattern.compile("commissions/([^/]+)");
    private static final Pattern GRANT = Pattern.compile("commissions/([^/]+)/roleGrants/([^/]+)");

    private final RoleGrantService grants;

    RoleGrantGrpcService(RoleGrantService grants) {
        this.grants = grants;
    }

    @Override
    public void createRoleGrant(CreateRoleGrantRequest request, StreamObserver<org.chorus.membership.v1.RoleGrant> response) {
        String commission = commission(request.getParent(), "parent");
        var sent = request.getRoleGrant();
        NewRoleGrant command = NewRoleGrant.of(commission, sent.getPerson(), role(sent.getRole()), request.getRequestId());
        reply(response, toProto(grants.create(Callers.current(), command)));
    }

    @Override
    public void deleteRoleGrant(DeleteRoleGrantRequest request, StreamObserver<org.chorus.membership.v1.RoleGrant> response) {
        Matcher name = GRANT.matcher(request.getName());
        UUID id = null;
        if (name.matches() && Requests.isId(name.group(1))) {
            try {
                id = UUID.fromString(name.group(2));
            } catch (IllegalArgumentException notUuid) {
                id = null;
            }
        }
        if (id == null) {
            throw ChorusException.invalid("INVALID_NAME", "name",
                    "A role grant's name looks like \"commissions/leeds/roleGrants/\" and then its id, a UUID.");
        }
        reply(response, toProto(grants.revoke(Callers.current(), name.group(1), id)));
    }

    @Override
    public void listRoleGrants(ListRoleGrantsRequest request, StreamObserver<ListRoleGrantsResponse> response) {
        String commission = commission(request.getParent(), "parent");
        var page = grants.list(Callers.current(), commission, request.getShowRevoked(),
                request.getSubject().isEmpty() ? null : request.getSubject(), request.getPageSize(), request.getPageToken());
        var list = ListRoleGrantsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(g -> list.addRoleGrants(toProto(g)));
        reply(response, list.build());
    }

    private static String commission(String name, String field) {
        Matcher m = COMMISSION.matcher(name);
        if (!m.matches() || !Requests.isId(m.group(1))) {
            throw ChorusException.invalid("INVALID_NAME", field,
                    "A commission's name looks like \"commissions/leeds\". " + Requests.ID_RULE);
        }
        return m.group(1);
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
                .setCreateTime(timestamp(g.createTime()));
        if (!g.active()) {
            proto.setRevokedBy(g.revokedBy()).setRevokeTime(timestamp(g.revokeTime()));
        }
        return proto.build();
    }

    private static com.google.protobuf.Timestamp timestamp(java.time.Instant instant) {
        return com.google.protobuf.Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static <T> void reply(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }
}
