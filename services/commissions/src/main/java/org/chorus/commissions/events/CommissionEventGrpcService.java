package org.chorus.commissions.events;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.grpc.stub.StreamObserver;
import org.chorus.commissions.v1.CommissionEvent;
import org.chorus.commissions.v1.CommissionEventsServiceGrpc;
import org.chorus.commissions.v1.WatchEventsRequest;
import org.chorus.platform.events.EventFeed;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.security.Callers;
import org.chorus.platform.v1.Event;
import org.springframework.grpc.server.service.GrpcService;

/**
 * The commission feed's gRPC adapter: the platform's feed, in the shape this feed had first
 * ({@code CommissionEvent}, whose fields keep the platform event's numbers), with the deprecated
 * JSON {@code payload} filled from the typed one for readers written before it.
 */
@GrpcService
class CommissionEventGrpcService extends CommissionEventsServiceGrpc.CommissionEventsServiceImplBase {

    private static final JsonFormat.Printer JSON = JsonFormat.printer().preservingProtoFieldNames().alwaysPrintFieldsWithNoPresence();

    private final EventFeed feed;

    CommissionEventGrpcService(EventFeed feed) {
        this.feed = feed;
    }

    @Override
    public void watchEvents(WatchEventsRequest request, StreamObserver<CommissionEvent> response) {
        feed.watch(Callers.current(), CommissionId.parse(request.getParent(), "parent"), request.getAfterSequence(),
                this::inFirstShape, response);
    }

    @SuppressWarnings("deprecation") // the JSON payload is deprecated for readers, and still filled for them
    private CommissionEvent inFirstShape(Event event) {
        try {
            Struct.Builder json = Struct.newBuilder();
            JsonFormat.parser().merge(JSON.print(feed.payload(event.getPayload())), json);
            return CommissionEvent.parseFrom(event.toByteString()).toBuilder().setPayload(json).build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("An event does not fit the commission feed's shape: " + event.getName(), e);
        }
    }
}
