package org.chorus.payments.claim;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chorus.commissions.v1.AttendanceRecorded;
import org.chorus.commissions.v1.CommissionEventsServiceGrpc;
import org.chorus.commissions.v1.WatchEventsRequest;
import org.chorus.platform.security.ServiceCredentials;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** Reads the commissions feed as this service (its own credentials), with a deadline. */
@Component
class CommissionEventsGrpcClient implements CommissionFeed {

    static final String ATTENDANCE_RECORDED = "session.attendance_recorded";
    private static final long DEADLINE_SECONDS = 20;

    private final GrpcChannelFactory channels;
    private final ServiceCredentials credentials;

    CommissionEventsGrpcClient(GrpcChannelFactory channels, ServiceCredentials credentials) {
        this.channels = channels;
        this.credentials = credentials;
    }

    @Override
    public List<Event> after(String commission, long sequence) {
        List<Event> events = new ArrayList<>();
        CommissionEventsServiceGrpc.newBlockingStub(channels.createChannel("commissions"))
                .withCallCredentials(credentials)
                .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .watchEvents(WatchEventsRequest.newBuilder().setParent("commissions/" + commission).setAfterSequence(sequence).build())
                .forEachRemaining(event -> events.add(new Event(event.getSequence(), event.getActor(),
                        event.getType().equals(ATTENDANCE_RECORDED) ? attendance(event.getTypedPayload()) : null)));
        return events;
    }

    private static Attendance attendance(Any payload) {
        try {
            AttendanceRecorded a = payload.unpack(AttendanceRecorded.class);
            return new Attendance(a.getSession(), a.getMember(), a.getAttended(), a.getMinutes(), a.getRecordedOnBehalf(),
                    a.getSessionStartTime());
        } catch (InvalidProtocolBufferException unexpected) {
            throw new IllegalStateException("The commissions feed sent an attendance event that is not an AttendanceRecorded", unexpected);
        }
    }
}
