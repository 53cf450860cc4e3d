package org.chorus.gateway;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.Any;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.chorus.commissions.v1.CommissionEvent;
import org.chorus.commissions.v1.CommissionEventsServiceGrpc;
import org.chorus.commissions.v1.WatchEventsRequest;

/**
 * A small in-memory event feed that streams the way the real one does, with commissions that misbehave on
 * purpose: {@value #MISSING} fails before its first event, {@value #BROKEN} after two, {@value #ENDLESS} never
 * ends (one event every 50 ms) until the caller cancels, {@value #SLOW_FEED} takes its time.
 */
class FakeCommissionEventsService extends CommissionEventsServiceGrpc.CommissionEventsServiceImplBase {

    static final String MISSING = "commissions/missing";
    static final String BROKEN = "commissions/broken";
    static final String ENDLESS = "commissions/endless";
    /** One event every {@value #SLOW_FEED_MILLIS} ms, ten in all: longer than a short route limit. */
    static final String SLOW_FEED = "commissions/slow-feed";
    static final long SLOW_FEED_MILLIS = 400;
    /** Every other commission has this many events. */
    static final int EVENTS = 3;

    /** Counted down each time an endless stream notices its caller went away. */
    volatile CountDownLatch endlessCancelled = new CountDownLatch(1);
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public void watchEvents(WatchEventsRequest request, StreamObserver<CommissionEvent> responses) {
        calls.incrementAndGet();
        var call = (ServerCallStreamObserver<CommissionEvent>) responses;
        switch (request.getParent()) {
            case MISSING -> responses.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                    .setCode(Code.NOT_FOUND.getNumber())
                    .setMessage("There is no commission called " + MISSING + ".")
                    .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("COMMISSION_NOT_FOUND").setDomain("chorus.org").build()))
                    .build()));
            case BROKEN -> {
                responses.onNext(event(request.getParent(), 1));
                responses.onNext(event(request.getParent(), 2));
                responses.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                        .setCode(Code.ABORTED.getNumber())
                        .setMessage("The feed changed while it was read. Call again with the last sequence you handled.")
                        .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("FEED_CHANGED").setDomain("chorus.org").build()))
                        .build()));
            }
            case ENDLESS -> {
                CountDownLatch cancelled = endlessCancelled;
                call.setOnCancelHandler(cancelled::countDown);
                Thread.ofVirtual().start(() -> {
                    for (long sequence = 1; !call.isCancelled(); sequence++) {
                        try {
                            synchronized (call) {
                                responses.onNext(event(request.getParent(), sequence));
                            }
                            Thread.sleep(50);
                        } catch (InterruptedException | RuntimeException stopped) {
                            return;
                        }
                    }
                });
            }
            case SLOW_FEED -> Thread.ofVirtual().start(() -> {
                for (long sequence = 1; sequence <= 10 && !call.isCancelled(); sequence++) {
                    try {
                        responses.onNext(event(request.getParent(), sequence));
                        Thread.sleep(SLOW_FEED_MILLIS);
                    } catch (InterruptedException | RuntimeException stopped) {
                        return;
                    }
                }
                if (!call.isCancelled()) {
                    responses.onCompleted();
                }
            });
            default -> {
                for (long sequence = request.getAfterSequence() + 1; sequence <= EVENTS; sequence++) {
                    responses.onNext(event(request.getParent(), sequence));
                }
                responses.onCompleted();
            }
        }
    }

    static CommissionEvent event(String commission, long sequence) {
        return CommissionEvent.newBuilder()
                .setName(commission + "/events/" + sequence)
                .setSequence(sequence)
                .setType("phase.moved")
                .setResource(commission + "/phaseTransitions/" + sequence)
                .setEventTime(Timestamp.newBuilder().setSeconds(1_773_482_400L + sequence))
                .setActor("user-1")
                .setPayload(Struct.newBuilder().putFields("to_phase", Value.newBuilder().setStringValue("EXPLORATION").build()))
                .build();
    }
}
