package org.chorus.commissions.registry;

import com.google.protobuf.Timestamp;
import com.google.type.Date;
import io.grpc.stub.StreamObserver;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import org.chorus.commissions.v1.ArchiveCommissionRequest;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.commissions.v1.CreateCommissionRequest;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.commissions.v1.ListCommissionsRequest;
import org.chorus.commissions.v1.ListCommissionsResponse;
import org.chorus.platform.errors.ChorusException;
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
                commission.getPlace(), date(commission.hasStartDate() ? commission.getStartDate() : null),
                commission.getHostOrganizationsList(), request.getRequestId());
        reply(response, toProto(commissions.create(command)));
    }

    @Override
    public void getCommission(GetCommissionRequest request, StreamObserver<org.chorus.commissions.v1.Commission> response) {
        reply(response, toProto(commissions.get(commissionId(request.getName(), "name"))));
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
        CommissionArchiving command = CommissionArchiving.of(commissionId(request.getName(), "name"), request.getEtag(), request.getReason());
        reply(response, toProto(commissions.archive(command)));
    }

    static CommissionId commissionId(String name, String field) {
        CommissionId id = CommissionId.fromName(name);
        if (id == null) {
            throw ChorusException.invalid("INVALID_NAME", field,
                    "A commission's name looks like \"commissions/leeds\". " + CommissionId.RULE);
        }
        return id;
    }

    private static LocalDate date(Date date) {
        if (date == null || (date.getYear() == 0 && date.getMonth() == 0 && date.getDay() == 0)) {
            return null;
        }
        try {
            return LocalDate.of(date.getYear(), date.getMonth(), date.getDay());
        } catch (DateTimeException notADay) {
            throw ChorusException.invalid("INVALID_COMMISSION", "commission.start_date",
                    "The start date must be a real day, with a year, a month (1 to 12) and a day of the month.");
        }
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
                .setCreateTime(timestamp(c.createTime()))
                .setUpdateTime(timestamp(c.updateTime()))
                .setEtag(c.etag())
                .addAllHostOrganizations(c.hostOrganizations());
        if (c.archived()) {
            proto.setArchiveTime(timestamp(c.archiveTime())).setArchiveReason(c.archiveReason());
        }
        if (c.startDate() != null) {
            proto.setStartDate(Date.newBuilder()
                    .setYear(c.startDate().getYear())
                    .setMonth(c.startDate().getMonthValue())
                    .setDay(c.startDate().getDayOfMonth()));
        }
        return proto.build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static <T> void reply(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }
}
