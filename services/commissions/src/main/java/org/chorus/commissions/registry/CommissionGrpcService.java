package org.chorus.commissions.registry;

import static org.chorus.platform.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import java.time.Instant;
import org.chorus.commissions.v1.ArchiveCommissionRequest;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.commissions.v1.CreateCommissionRequest;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.commissions.v1.ListCommissionsRequest;
import org.chorus.commissions.v1.ListCommissionsResponse;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** The registry's gRPC adapter: maps the contract to the use cases and back, nothing else. */
@GrpcService
class CommissionGrpcService extends CommissionsServiceGrpc.CommissionsServiceImplBase {

    private final CommissionService commissions;

    CommissionGrpcService(CommissionService commissions) {
        this.commissions = commissions;
    }

    @Override
    public void createCommission(CreateCommissionRequest request, StreamObserver<org.chorus.commissions.v1.Commission> response) {
        var commission = request.getCommission();
        NewCommission command = NewCommission.of(request.getCommissionId(), commission.getDisplayName(),
                commission.getPlace(), ProtoTime.day(commission.getStartDate(), "INVALID_COMMISSION", "commission.start_date", "the start date"),
                commission.getHostOrganizationsList(), request.getRequestId());
        reply(response, toProto(commissions.create(command)));
    }

    @Override
    public void getCommission(GetCommissionRequest request, StreamObserver<org.chorus.commissions.v1.Commission> response) {
        reply(response, toProto(commissions.get(CommissionId.parse(request.getName(), "name"))));
    }

    @Override
    public void listCommissions(ListCommissionsRequest request, StreamObserver<ListCommissionsResponse> response) {
        var page = commissions.list(Callers.current(), request.getPageSize(), request.getPageToken(),
                request.getShowArchived());
        ListCommissionsResponse.Builder list = ListCommissionsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(c -> list.addCommissions(toProto(c)));
        reply(response, list.build());
    }

    @Override
    public void archiveCommission(ArchiveCommissionRequest request, StreamObserver<org.chorus.commissions.v1.Commission> response) {
        CommissionArchiving command = CommissionArchiving.of(CommissionId.parse(request.getName(), "name"), request.getEtag(), request.getReason());
        reply(response, toProto(commissions.archive(command)));
    }

    private static org.chorus.commissions.v1.Commission toProto(Commission c) {
        var proto = org.chorus.commissions.v1.Commission.newBuilder()
                .setName(c.id().resourceName())
                .setDisplayName(c.displayName())
                .setPlace(c.place())
                .setState(switch (c.state()) {
                    case ACTIVE -> org.chorus.commissions.v1.Commission.State.ACTIVE;
                    case ARCHIVED -> org.chorus.commissions.v1.Commission.State.ARCHIVED;
                })
                .setCreateTime(ProtoTime.timestamp(c.createTime()))
                .setUpdateTime(ProtoTime.timestamp(c.updateTime()))
                .setEtag(c.etag())
                .addAllHostOrganizations(c.hostOrganizations());
        if (c.archived()) {
            proto.setArchiveTime(ProtoTime.timestamp(c.archiveTime())).setArchiveReason(c.archiveReason());
        }
        if (c.startDate() != null) {
            proto.setStartDate(ProtoTime.date(c.startDate()));
        }
        return proto.build();
    }


}
