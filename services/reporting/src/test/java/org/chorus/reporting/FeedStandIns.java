package org.chorus.reporting;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chorus.commissions.v1.CommissionEvent;
import org.chorus.commissions.v1.CommissionEventsServiceGrpc;
import org.chorus.commissions.v1.WatchEventsRequest;
import org.chorus.membership.v1.ConsentsServiceGrpc;
import org.chorus.membership.v1.Credits;
import org.chorus.membership.v1.GetCreditsRequest;
import org.chorus.membership.v1.MembershipEventsServiceGrpc;
import org.chorus.membership.v1.WatchMembershipEventsRequest;
import org.chorus.payments.v1.PaymentEventsServiceGrpc;
import org.chorus.payments.v1.WatchPaymentEventsRequest;
import org.chorus.platform.v1.Event;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The feeds of commissions, membership and payments, and membership's credits, answered as their contracts say by
 * stand-ins in the test's in-process server (the real services answer in the system tests). A feed can be made
 * unreadable, as when its service is down.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FeedStandIns {

    /** Each feed's events, by commission. */
    public static final Map<String, List<CommissionEvent>> COMMISSIONS = new ConcurrentHashMap<>();
    public static final Map<String, List<Event>> MEMBERSHIP = new ConcurrentHashMap<>();
    public static final Map<String, List<Event>> PAYMENTS = new ConcurrentHashMap<>();
    /** Membership's credits, by commission. */
    public static final Map<String, List<String>> CREDITS = new ConcurrentHashMap<>();
    /** Feeds that answer UNAVAILABLE, by name: commissions, membership, payments. */
    public static final List<String> DOWN = new CopyOnWriteArrayList<>();

    public static void clear() {
        COMMISSIONS.clear();
        MEMBERSHIP.clear();
        PAYMENTS.clear();
        CREDITS.clear();
        DOWN.clear();
    }

    public static void commissions(String commission, long sequence, String type, String resource, Instant time, Message payload) {
        COMMISSIONS.computeIfAbsent(commission, c -> new CopyOnWriteArrayList<>()).add(CommissionEvent.newBuilder()
                .setSequence(sequence).setType(type).setResource(resource).setEventTime(timestamp(time)).setActor("dev")
                .setTypedPayload(Any.pack(payload)).build());
    }

    public static void membership(String commission, long sequence, String type, String resource, Instant time, Message payload) {
        MEMBERSHIP.computeIfAbsent(commission, c -> new CopyOnWriteArrayList<>()).add(event(sequence, type, resource, time, payload));
    }

    public static void payments(String commission, long sequence, String type, String resource, Instant time, Message payload) {
        PAYMENTS.computeIfAbsent(commission, c -> new CopyOnWriteArrayList<>()).add(event(sequence, type, resource, time, payload));
    }

    private static Event event(long sequence, String type, String resource, Instant time, Message payload) {
        return Event.newBuilder().setSequence(sequence).setType(type).setResource(resource).setEventTime(timestamp(time)).setActor("dev")
                .setPayload(Any.pack(payload)).build();
    }

    private static Timestamp timestamp(Instant time) {
        return Timestamp.newBuilder().setSeconds(time.getEpochSecond()).setNanos(time.getNano()).build();
    }

    private static String commissionOf(String parent) {
        return parent.substring(parent.indexOf('/') + 1);
    }

    private static <T extends Message> void stream(String feed, List<T> events, long after, java.util.function.ToLongFunction<T> sequence,
                                                   StreamObserver<T> response) {
        if (DOWN.contains(feed)) {
            response.onError(Status.UNAVAILABLE.withDescription("The " + feed + " service is down").asRuntimeException());
            return;
        }
        events.stream().filter(e -> sequence.applyAsLong(e) > after).forEach(response::onNext);
        response.onCompleted();
    }

    @Bean
    CommissionEventsServiceGrpc.CommissionEventsServiceImplBase commissionsFeed() {
        return new CommissionEventsServiceGrpc.CommissionEventsServiceImplBase() {
            @Override
            public void watchEvents(WatchEventsRequest request, StreamObserver<CommissionEvent> response) {
                stream("commissions", COMMISSIONS.getOrDefault(commissionOf(request.getParent()), List.of()), request.getAfterSequence(),
                        CommissionEvent::getSequence, response);
            }
        };
    }

    @Bean
    MembershipEventsServiceGrpc.MembershipEventsServiceImplBase membershipFeed() {
        return new MembershipEventsServiceGrpc.MembershipEventsServiceImplBase() {
            @Override
            public void watchMembershipEvents(WatchMembershipEventsRequest request, StreamObserver<Event> response) {
                stream("membership", MEMBERSHIP.getOrDefault(commissionOf(request.getParent()), List.of()), request.getAfterSequence(),
                        Event::getSequence, response);
            }
        };
    }

    @Bean
    ConsentsServiceGrpc.ConsentsServiceImplBase membershipCredits() {
        return new ConsentsServiceGrpc.ConsentsServiceImplBase() {
            @Override
            public void getCredits(GetCreditsRequest request, StreamObserver<Credits> response) {
                String commission = request.getName().split("/")[1];
                if (DOWN.contains("membership")) {
                    response.onError(Status.UNAVAILABLE.withDescription("The membership service is down").asRuntimeException());
                    return;
                }
                response.onNext(Credits.newBuilder().setName(request.getName()).addAllNames(CREDITS.getOrDefault(commission, List.of())).build());
                response.onCompleted();
            }
        };
    }

    @Bean
    PaymentEventsServiceGrpc.PaymentEventsServiceImplBase paymentsFeed() {
        return new PaymentEventsServiceGrpc.PaymentEventsServiceImplBase() {
            @Override
            public void watchPaymentEvents(WatchPaymentEventsRequest request, StreamObserver<Event> response) {
                stream("payments", PAYMENTS.getOrDefault(commissionOf(request.getParent()), List.of()), request.getAfterSequence(),
                        Event::getSequence, response);
            }
        };
    }
}
