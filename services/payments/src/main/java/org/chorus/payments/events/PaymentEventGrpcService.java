package org.chorus.payments.events;

import io.grpc.stub.StreamObserver;
import java.util.function.Function;
import org.chorus.payments.v1.PaymentEventsServiceGrpc;
import org.chorus.payments.v1.WatchPaymentEventsRequest;
import org.chorus.platform.events.EventFeed;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.security.Callers;
import org.chorus.platform.v1.Event;
import org.springframework.grpc.server.service.GrpcService;

/** The payments feed's gRPC adapter: the platform's feed, as {@code commissions/{c}/paymentEvents}. */
@GrpcService
class PaymentEventGrpcService extends PaymentEventsServiceGrpc.PaymentEventsServiceImplBase {

    private final EventFeed feed;

    PaymentEventGrpcService(EventFeed feed) {
        this.feed = feed;
    }

    @Override
    public void watchPaymentEvents(WatchPaymentEventsRequest request, StreamObserver<Event> response) {
        feed.watch(Callers.current(), CommissionId.parse(request.getParent(), "parent"), request.getAfterSequence(),
                Function.identity(), response);
    }
}
