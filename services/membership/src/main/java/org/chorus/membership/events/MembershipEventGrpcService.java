package org.chorus.membership.events;

import io.grpc.stub.StreamObserver;
import java.util.function.Function;
import org.chorus.membership.v1.MembershipEventsServiceGrpc;
import org.chorus.membership.v1.WatchMembershipEventsRequest;
import org.chorus.platform.events.EventFeed;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.security.Callers;
import org.chorus.platform.v1.Event;
import org.springframework.grpc.server.service.GrpcService;

/** The membership feed's gRPC adapter: the platform's feed, as {@code commissions/{c}/membershipEvents}. */
@GrpcService
class MembershipEventGrpcService extends MembershipEventsServiceGrpc.MembershipEventsServiceImplBase {

    private final EventFeed feed;

    MembershipEventGrpcService(EventFeed feed) {
        this.feed = feed;
    }

    @Override
    public void watchMembershipEvents(WatchMembershipEventsRequest request, StreamObserver<Event> response) {
        feed.watch(Callers.current(), CommissionId.parse(request.getParent(), "parent"), request.getAfterSequence(),
                Function.identity(), response);
    }
}
