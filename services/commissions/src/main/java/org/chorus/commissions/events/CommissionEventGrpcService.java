package org.chorus.commissions.events;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import org.chorus.commissions.registry.CommissionId;
import org.chorus.commissions.shared.ResourceNames;
import org.chorus.commissions.v1.CommissionEvent;
import org.chorus.commissions.v1.CommissionEventsServiceGrpc;
import org.chorus.commissions.v1.WatchEventsRequest;
import org.chorus.identity.Caller;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/**
 * The event feed's gRPC adapter. It streams every event after the cursor that exists when it reads,
 * batch by batch, and then ends; the reader calls again with its last sequence to follow the feed.
 * Ending rather than holding the call open keeps a reader's cursor the only state, and works through
 * every proxy and deadline.
 */
@GrpcService
class CommissionEventGrpcService extends CommissionEventsServiceGrpc.CommissionEventsServiceImplBase {

    private final EventFeedService feed;

    CommissionEventGrpcService(EventFeedService feed) {
        this.feed = feed;
    }

    @Override
    public void watchEvents(WatchEventsRequest request, StreamObserver<CommissionEvent> response) {
        CommissionId commission = ResourceNames.commission(request.getParent(), "parent");
        Caller caller = Callers.current();
        var call = (ServerCallStreamObserver<CommissionEvent>) response;
        long after = request.getAfterSequence();
        List<StoredEvent> batch;
        do {
            batch = feed.next(caller, commission, after);
            for (StoredEvent event : batch) {
                if (call.isCancelled()) {
                    return;
                }
                response.onNext(toProto(commission, event));
                after = event.sequence();
            }
        } while (batch.size() == EventFeedService.BATCH);
        response.onCompleted();
    }

    private static CommissionEvent toProto(CommissionId commission, StoredEvent event) {
        Struct.Builder payload = Struct.newBuilder();
        try {
            JsonFormat.parser().merge(event.payloadJson(), payload);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("An outbox payload is not a JSON object: event " + event.sequence(), e);
        }
        return CommissionEvent.newBuilder()
                .setName(commission.resourceName() + "/events/" + event.sequence())
                .setSequence(event.sequence())
                .setType(event.type())
                .setResource(event.resourceName())
                .setEventTime(Timestamp.newBuilder().setSeconds(event.time().getEpochSecond()).setNanos(event.time().getNano()))
                .setActor(event.actor())
                .setPayload(payload)
                .build();
    }
}
