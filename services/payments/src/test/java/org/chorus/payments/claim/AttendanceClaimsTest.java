package org.chorus.payments.claim;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chorus.commissions.v1.AttendanceRecorded;
import org.chorus.commissions.v1.CommissionEvent;
import org.chorus.commissions.v1.CommissionEventsServiceGrpc;
import org.chorus.commissions.v1.WatchEventsRequest;
import org.chorus.payments.LeedsPayments;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
import org.chorus.testrig.UseRealKeycloak;
import org.chorus.testrig.UseRealPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Claims made from the commissions feed, on a real PostgreSQL, with the commissions service's
 * {@code WatchEvents} answered as its contract says by a stand-in in this test's in-process server (the
 * real one answers in the system tests): one claim per attendance a facilitator recorded or confirmed,
 * none for attendance a person recorded for themself, and never two, after a replay of the whole feed.
 */
@SpringBootTest(properties = "chorus.payments.claims-from-attendance-after=1h")
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "payments")
@UseRealKeycloak
@Import(AttendanceClaimsTest.CommissionsFeedStandIn.class)
class AttendanceClaimsTest {

    static final List<CommissionEvent> FEED = new CopyOnWriteArrayList<>();
    static final Instant SESSION_START = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @TestConfiguration(proxyBeanMethods = false)
    static class CommissionsFeedStandIn {
        @Bean
        CommissionEventsServiceGrpc.CommissionEventsServiceImplBase commissionsFeed() {
            return new CommissionEventsServiceGrpc.CommissionEventsServiceImplBase() {
                @Override
                public void watchEvents(WatchEventsRequest request, StreamObserver<CommissionEvent> response) {
                    FEED.stream().filter(e -> e.getSequence() > request.getAfterSequence()).forEach(response::onNext);
                    response.onCompleted();
                }
            };
        }
    }

    @Autowired
    AttendanceClaimsReconciler reconciler;
    @Autowired
    CommissionSchemaProvisioner schemas;

    final LeedsPayments leeds = new LeedsPayments();
    final JdbcClient owner = leeds.owner;

    @BeforeEach
    void aFeedWithAttendance() {
        schemas.provision("leeds");
        leeds.empty();
        FEED.clear();
        FEED.add(attendance(1, "s-1", "rosa", 150, true));
        FEED.add(attendance(2, "s-1", "sam", 120, false));
        FEED.add(CommissionEvent.newBuilder().setSequence(3).setType("session.created").setActor("dev").build());
        FEED.add(attendance(4, "s-1", "rosa", 180, true));
        FEED.add(attendance(5, "s-1", "sam", 120, true));
    }

    @Test
    void oneClaimPerSessionAndPersonOnlyOnceConfirmedAndNeverTwiceAfterAReplay() {
        assertThat(reconciler.follow("leeds")).isEqualTo(2);

        List<String> claims = owner.sql("SELECT member_id || ' ' || minutes || ' ' || amount_pence || ' ' || state FROM commission_leeds.claim"
                + " ORDER BY member_id").query(String.class).list();
        assertThat(claims).as("sam's own recording waited for the facilitator's; rosa's second recording made no second claim")
                .containsExactly("rosa 150 3363 WAITING_FOR_A_CHOICE", "sam 120 2690 WAITING_FOR_A_CHOICE");
        assertThat(owner.sql("SELECT last_sequence FROM commission_leeds.feed_cursor WHERE feed = 'commissions'").query(Long.class).single())
                .isEqualTo(5);
        assertThat(reconciler.follow("leeds")).as("nothing new").isZero();

        owner.sql("DELETE FROM commission_leeds.feed_cursor").update();
        assertThat(reconciler.follow("leeds")).as("the whole feed again").isZero();
        assertThat(owner.sql("SELECT count(*) FROM commission_leeds.claim").query(Integer.class).single()).isEqualTo(2);
    }

    private static CommissionEvent attendance(long sequence, String session, String member, int minutes, boolean onBehalf) {
        return CommissionEvent.newBuilder().setSequence(sequence).setType("session.attendance_recorded").setActor(onBehalf ? "dev" : member)
                .setTypedPayload(Any.pack(AttendanceRecorded.newBuilder().setSession("commissions/leeds/sessions/" + session)
                        .setMember(member).setAttended(true).setMinutes(minutes).setRecordedOnBehalf(onBehalf)
                        .setSessionStartTime(SESSION_START.toString()).build()))
                .build();
    }
}
