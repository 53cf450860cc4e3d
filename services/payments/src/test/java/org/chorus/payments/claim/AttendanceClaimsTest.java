package org.chorus.payments.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.payments.LeedsPayments.token;

import com.google.protobuf.Any;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chorus.commissions.v1.AttendanceRecorded;
import org.chorus.commissions.v1.CommissionEvent;
import org.chorus.commissions.v1.CommissionEventsServiceGrpc;
import org.chorus.commissions.v1.WatchEventsRequest;
import org.chorus.payments.LeedsPayments;
import org.chorus.payments.v1.ApproveClaimRequest;
import org.chorus.payments.v1.Claim;
import org.chorus.payments.v1.GetClaimRequest;
import org.chorus.payments.v1.PaymentsServiceGrpc.PaymentsServiceBlockingStub;
import org.chorus.payments.v1.PaymentsServiceGrpc;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
import org.chorus.testrig.Bearer;
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
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Claims made from the commissions feed, on a real PostgreSQL, with the commissions service's
 * {@code WatchEvents} answered as its contract says by a stand-in in this test's in-process server (the
 * real one answers in the system tests): one claim per attendance a facilitator recorded or confirmed,
 * none for attendance a person recorded for themself, and never two, after a replay of the whole feed. A
 * facilitator's later correction is followed: a claim not approved yet is repriced or withdrawn, an
 * approved one not paid yet is reversed, a paid one is left alone for finance to check; and reading the
 * feed again changes nothing more. Approvals go through the in-process gRPC transport, as fin and amara.
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
    @Autowired
    GrpcChannelFactory channels;

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
        assertThat(claims).as("sam's own recording waited for the facilitator's; rosa's second recording made no second claim, "
                        + "and her claim, not approved yet, follows its minutes")
                .containsExactly("rosa 180 4035 WAITING_FOR_A_CHOICE", "sam 120 2690 WAITING_FOR_A_CHOICE");
        assertThat(owner.sql("SELECT last_sequence FROM commission_leeds.feed_cursor WHERE feed = 'commissions'").query(Long.class).single())
                .isEqualTo(5);
        assertThat(reconciler.follow("leeds")).as("nothing new").isZero();

        owner.sql("DELETE FROM commission_leeds.feed_cursor").update();
        assertThat(reconciler.follow("leeds")).as("the whole feed again").isZero();
        assertThat(owner.sql("SELECT count(*) FROM commission_leeds.claim").query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aCorrectionBeforeApprovalRepricesOrWithdrawsTheClaimAndOnlyAFacilitatorsCorrectionCounts() {
        FEED.clear();
        FEED.add(attendance(1, "s-2", "rosa", 150, true));
        FEED.add(attendance(2, "s-2", "sam", 120, true));
        assertThat(reconciler.follow("leeds")).isEqualTo(2);
        FEED.add(absent(3, "s-2", "rosa", true));
        FEED.add(attendance(4, "s-2", "sam", 90, true));
        FEED.add(absent(5, "s-2", "sam", false));

        assertThat(reconciler.follow("leeds")).as("corrections make no claim").isZero();

        assertThat(claims()).as("sam's own recording that he did not come waits for a facilitator, as a claim does")
                .containsExactly("rosa 150 3363 WITHDRAWN The attendance for this session was corrected.",
                        "sam 90 2018 WAITING_FOR_A_CHOICE");
        assertThat(as("fin").getClaim(get("s-2", "rosa")).getStateReason())
                .isEqualTo("Withdrawn: The attendance for this session was corrected.");
        assertThat(owner.sql("SELECT count(*) FROM commission_leeds.ledger_transfer").query(Integer.class).single())
                .as("a claim not approved has posted nothing, so nothing is reversed").isZero();
        assertThat(events()).containsExactly("claim.made", "claim.made", "claim.withdrawn", "claim.corrected");

        FEED.add(attendance(6, "s-2", "rosa", 60, true));
        assertThat(reconciler.follow("leeds")).isZero();
        assertThat(claims()).as("corrected back: rosa's claim is open again, for the new minutes")
                .containsExactly("rosa 60 1345 WAITING_FOR_A_CHOICE", "sam 90 2018 WAITING_FOR_A_CHOICE");

        String before = leeds.snapshot();
        owner.sql("DELETE FROM commission_leeds.feed_cursor").update();
        assertThat(reconciler.follow("leeds")).as("the whole feed again").isZero();
        assertThat(leeds.snapshot()).as("nothing applied twice").isEqualTo(before);
    }

    @Test
    void aFirstApprovalIsSetAsideWhenACorrectionChangesTheAmountSoTwoPeopleApproveWhatIsPaid() {
        leeds.choose("rosa", "BANK_TRANSFER");
        FEED.clear();
        FEED.add(attendance(1, "s-4", "rosa", 150, true));
        assertThat(reconciler.follow("leeds")).isEqualTo(1);
        Claim once = as("fin").approveClaim(approve(as("fin").getClaim(get("s-4", "rosa"))));
        assertThat(once.getApprovalsList()).hasSize(1);

        FEED.add(attendance(2, "s-4", "rosa", 60, true));
        assertThat(reconciler.follow("leeds")).isZero();

        Claim repriced = as("amara").getClaim(get("s-4", "rosa"));
        assertThat(repriced.getAmount().getUnits() * 100 + repriced.getAmount().getNanos() / 10_000_000).isEqualTo(1345);
        assertThat(repriced.getApprovalsList()).as("fin approved 33.63, not 13.45").isEmpty();
        assertThat(repriced.getState()).isEqualTo(Claim.State.SUBMITTED);
        assertThat(owner.sql("SELECT count(*) FROM commission_leeds.claim_approval WHERE set_aside_time IS NOT NULL")
                .query(Integer.class).single()).as("kept for the record").isEqualTo(1);

        Claim first = as("amara").approveClaim(approve(repriced));
        assertThat(first.getState()).as("one approval of the new amount is not enough").isEqualTo(Claim.State.SUBMITTED);
        Claim second = as("fin").approveClaim(approve(first));
        assertThat(second.getState()).as("fin may approve the new amount").isEqualTo(Claim.State.APPROVED);
        assertThat(leeds.balance("owed:rosa")).isEqualTo(1345);
        assertThat(leeds.balanced()).isTrue();
    }

    @Test
    void aCorrectionAfterApprovalReversesAnUnpaidClaimLeavesAPaidOneForFinanceAndAReplayChangesNothing() {
        leeds.choose("rosa", "BANK_TRANSFER");
        leeds.choose("sam", "BANK_TRANSFER");
        leeds.choose("kit", "DONATE");
        FEED.clear();
        FEED.add(attendance(1, "s-3", "rosa", 150, true));
        FEED.add(attendance(2, "s-3", "sam", 120, true));
        FEED.add(attendance(3, "s-3", "kit", 60, true));
        assertThat(reconciler.follow("leeds")).isEqualTo(3);
        for (String member : List.of("rosa", "sam", "kit")) {
            Claim once = as("fin").approveClaim(approve(as("fin").getClaim(get("s-3", member))));
            as("amara").approveClaim(approve(once));
        }
        assertThat(leeds.balance("owed:rosa")).isEqualTo(3363);
        assertThat(leeds.balance("owed:sam")).isEqualTo(2690);
        assertThat(leeds.balance("donations")).as("kit gave it back: paid at approval").isEqualTo(1345);
        FEED.add(absent(4, "s-3", "rosa", true));
        FEED.add(attendance(5, "s-3", "sam", 60, true));
        FEED.add(absent(6, "s-3", "kit", true));

        assertThat(reconciler.follow("leeds")).isZero();

        assertThat(claims()).containsExactly(
                "kit 60 1345 PAID",
                "rosa 150 3363 REVERSED The attendance for this session was corrected.",
                "sam 120 2690 REVERSED The attendance for this session was corrected to 60 minutes. "
                        + "A facilitator can make a new claim for that time.");
        assertThat(leeds.balance("owed:rosa")).isZero();
        assertThat(leeds.balance("owed:sam")).isZero();
        assertThat(leeds.balance("budget")).as("only kit's donation is still spent").isEqualTo(-1345);
        assertThat(leeds.balance("donations")).as("paid money is never taken back automatically").isEqualTo(1345);
        assertThat(leeds.balanced()).isTrue();
        Claim kit = as("fin").getClaim(get("s-3", "kit"));
        assertThat(kit.getCorrectionToCheck()).contains("the member did not come").contains("Nothing was taken back");
        assertThat(kit.getStateReason()).startsWith("Given to the commission on ")
                .endsWith(" The attendance for this session was changed after this was paid. "
                        + "The finance team will look at it, and nothing is taken back without talking to you first.");
        assertThat(owner.sql("SELECT count(*) FROM commission_leeds.ledger_transfer WHERE kind = 'REVERSAL'").query(Integer.class).single())
                .isEqualTo(2);
        assertThat(events()).endsWith("claim.reversed", "claim.reversed", "claim.correction_to_check");
        assertThat(owner.sql("SELECT actor FROM commission_leeds.outbox_event WHERE type = 'claim.reversed'").query(String.class).list())
                .as("the service acts on the feed's word").containsOnly("chorus-payments");

        FEED.add(absent(7, "s-3", "rosa", true));
        String before = leeds.snapshot();
        assertThat(reconciler.follow("leeds")).isZero();
        assertThat(leeds.snapshot()).as("a second correction never reverses twice").isEqualTo(before);
        owner.sql("DELETE FROM commission_leeds.feed_cursor").update();
        assertThat(reconciler.follow("leeds")).as("the whole feed again").isZero();
        assertThat(leeds.snapshot()).as("nothing applied twice").isEqualTo(before);
        assertThat(leeds.balanced()).isTrue();
    }

    private List<String> claims() {
        return owner.sql("SELECT concat_ws(' ', member_id, minutes, amount_pence, state, cancellation_reason) FROM commission_leeds.claim"
                + " ORDER BY member_id").query(String.class).list();
    }

    private List<String> events() {
        return owner.sql("SELECT type FROM commission_leeds.outbox_event ORDER BY sequence").query(String.class).list();
    }

    private static GetClaimRequest get(String session, String member) {
        UUID id = UUID.nameUUIDFromBytes(("commissions/leeds/sessions/" + session + "/" + member).getBytes(StandardCharsets.UTF_8));
        return GetClaimRequest.newBuilder().setName("commissions/leeds/claims/" + id).build();
    }

    private static ApproveClaimRequest approve(Claim claim) {
        return ApproveClaimRequest.newBuilder().setName(claim.getName()).setEtag(claim.getEtag()).setRequestId(UUID.randomUUID().toString())
                .build();
    }

    private PaymentsServiceBlockingStub as(String username) {
        return PaymentsServiceGrpc.newBlockingStub(channels.createChannel("payments")).withInterceptors(Bearer.token(token(username)));
    }

    private static CommissionEvent attendance(long sequence, String session, String member, int minutes, boolean onBehalf) {
        return recorded(sequence, session, member, true, minutes, onBehalf);
    }

    /** A recording that the person did not come after all. */
    private static CommissionEvent absent(long sequence, String session, String member, boolean onBehalf) {
        return recorded(sequence, session, member, false, 0, onBehalf);
    }

    private static CommissionEvent recorded(long sequence, String session, String member, boolean attended, int minutes, boolean onBehalf) {
        return CommissionEvent.newBuilder().setSequence(sequence).setType("session.attendance_recorded").setActor(onBehalf ? "dev" : member)
                .setTypedPayload(Any.pack(AttendanceRecorded.newBuilder().setSession("commissions/leeds/sessions/" + session)
                        .setMember(member).setAttended(attended).setMinutes(minutes).setRecordedOnBehalf(onBehalf)
                        .setSessionStartTime(SESSION_START.toString()).build()))
                .build();
    }
}
