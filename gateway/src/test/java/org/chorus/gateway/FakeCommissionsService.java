package org.chorus.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import org.chorus.commissions.v1.Commission;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.commissions.v1.CreateCommissionRequest;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.commissions.v1.ListCommissionsRequest;
import org.chorus.commissions.v1.ListCommissionsResponse;

/** A small in-memory commissions service that answers errors the way the real services do. */
class FakeCommissionsService extends CommissionsServiceGrpc.CommissionsServiceImplBase {

    /** A commission that takes longer to read than the gateway's deadline in the tests. */
    static final String SLOW = "commissions/slow";
    static final long SLOW_MILLIS = 3_000;

    private final Map<String, Commission> commissions = new ConcurrentSkipListMap<>();

    /** Calls whose commission name or id contains "flaky" are answered UNAVAILABLE while this is above zero. */
    final AtomicInteger unavailableLeft = new AtomicInteger();

    private boolean failFlaky(String nameOrId, StreamObserver<?> responses) {
        if (nameOrId.contains("flaky") && unavailableLeft.getAndDecrement() > 0) {
            responses.onError(Status.UNAVAILABLE.withDescription("flaky on purpose").asRuntimeException());
            return true;
        }
        return false;
    }

    @Override
    public void createCommission(CreateCommissionRequest request, StreamObserver<Commission> responses) {
        if (failFlaky(request.getCommissionId(), responses)) {
            return;
        }
        if (request.getCommissionId().isEmpty()) {
            responses.onError(error(Code.INVALID_ARGUMENT, "Give the commission an id, such as leeds.", "INVALID_COMMISSION_ID",
                    BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                            .setField("commission_id").setDescription("Must not be empty.")).build()));
            return;
        }
        String name = "commissions/" + request.getCommissionId();
        Commission commission = request.getCommission().toBuilder()
                .setName(name)
                .setState(Commission.State.ACTIVE)
                .setCreateTime(Timestamp.newBuilder().setSeconds(1_773_482_400L))
                .setEtag("e1")
                .build();
        if (commissions.putIfAbsent(name, commission) != null) {
            responses.onError(error(Code.ALREADY_EXISTS, "A commission called " + name + " already exists. Choose another id.",
                    "COMMISSION_ALREADY_EXISTS", null));
            return;
        }
        responses.onNext(commission);
        responses.onCompleted();
    }

    @Override
    public void getCommission(GetCommissionRequest request, StreamObserver<Commission> responses) {
        if (failFlaky(request.getName(), responses)) {
            return;
        }
        if (request.getName().equals(SLOW)) {
            try {
                Thread.sleep(SLOW_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Commission commission = commissions.get(request.getName());
        if (commission == null) {
            responses.onError(error(Code.NOT_FOUND, "There is no commission called " + request.getName() + ".",
                    "COMMISSION_NOT_FOUND", null));
            return;
        }
        responses.onNext(commission);
        responses.onCompleted();
    }

    @Override
    public void listCommissions(ListCommissionsRequest request, StreamObserver<ListCommissionsResponse> responses) {
        int pageSize = request.getPageSize() == 0 ? 25 : request.getPageSize();
        List<Commission> after = commissions.values().stream()
                .filter(c -> request.getPageToken().isEmpty() || c.getName().compareTo(request.getPageToken()) > 0)
                .toList();
        List<Commission> page = after.stream().limit(pageSize).toList();
        ListCommissionsResponse.Builder response = ListCommissionsResponse.newBuilder().addAllCommissions(page);
        if (after.size() > pageSize) {
            response.setNextPageToken(page.getLast().getName());
        }
        responses.onNext(response.build());
        responses.onCompleted();
    }

    private static StatusRuntimeException error(Code code, String message, String reason, BadRequest badRequest) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.getNumber())
                .setMessage(message)
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain("chorus.org").build()));
        if (badRequest != null) {
            status.addDetails(Any.pack(badRequest));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }
}
