package org.chorus.payments.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.payments.LeedsPayments.LEEDS;
import static org.chorus.payments.LeedsPayments.subject;
import static org.chorus.payments.LeedsPayments.token;
import static org.chorus.testrig.GrpcAssertions.assertStatus;
import static org.chorus.testrig.GrpcAssertions.violatedFields;

import io.grpc.Status;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chorus.payments.LeedsPayments;
import org.chorus.payments.v1.ApproveClaimRequest;
import org.chorus.payments.v1.BankDetails;
import org.chorus.payments.v1.Claim;
import org.chorus.payments.v1.CreateClaimRequest;
import org.chorus.payments.v1.CreatePayoutRequest;
import org.chorus.payments.v1.GetClaimRequest;
import org.chorus.payments.v1.PaymentPolicy;
import org.chorus.payments.v1.PaymentPolicyServiceGrpc;
import org.chorus.payments.v1.PaymentsServiceGrpc.PaymentsServiceBlockingStub;
import org.chorus.payments.v1.PaymentsServiceGrpc;
import org.chorus.payments.v1.Payout;
import org.chorus.payments.v1.PayoutsServiceGrpc;
import org.chorus.payments.v1.RejectClaimRequest;
import org.chorus.payments.v1.ReverseClaimRequest;
import org.chorus.payments.v1.UpdateBankDetailsRequest;
import org.chorus.payments.v1.UpdatePaymentPolicyRequest;
import org.chorus.platform.protos.ProtoMoney;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
import org.chorus.testrig.Bearer;
import org.chorus.testrig.RealPostgres;
import org.chorus.testrig.UseRealKeycloak;
import org.chorus.testrig.UseRealPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Cancelling a claim approved by mistake ({@code ReverseClaim}) over the in-process gRPC transport, on a real
 * PostgreSQL and a real Keycloak: what its approval posted is reversed and the budget gets the money back, in the
 * same transaction as the claim becoming {@code REVERSED}; a claim not approved, turned down, paid, with the bank or
 * cancelled already is refused with its reason and nothing written; a retry gets the first answer. Leeds: sam is a
 * member, dev facilitates, fin is finance; amara coordinates. The ledger balances after every test.
 */
@SpringBootTest
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "payments")
@UseRealKeycloak
class ClaimReversalTest {

    static final LocalDate YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    static final String MISTAKE = "This was claimed twice for the same meeting.";

    @Autowired
    GrpcChannelFactory channels;
    @Autowired
    CommissionSchemaProvisioner schemas;

    final LeedsPayments leeds = new LeedsPayments();
    final JdbcClient owner = leeds.owner;
    String sam;

    @BeforeEach
    void leedsHasNoClaims() {
        schemas.provision("leeds");
        leeds.empty();
        sam = subject(token("sam"));
    }

    @AfterEach
    void theLedgerBalances() {
        assertThat(leeds.balanced()).as("Σ debits = Σ credits in every unit, and each account's posted sums match its transfers")
                .isTrue();
    }

    @Test
    void anApprovedClaimIsCancelledByReversingItsApprovalAndTheBudgetGetsTheMoneyBack() {
        budget(10_000);
        leeds.choose(sam, "BANK_TRANSFER");
        Claim approved = approved(180);
        assertThat(leeds.balance("owed:" + sam)).isEqualTo(4035);
        assertThat(leeds.balance("budget")).isEqualTo(-4035);

        Claim reversed = as("fin").reverseClaim(reverse(approved, MISTAKE, UUID.randomUUID()));

        assertThat(reversed.getState()).isEqualTo(Claim.State.REVERSED);
        assertThat(reversed.getCancellationReason()).isEqualTo(MISTAKE);
        assertThat(reversed.getStateReason()).isEqualTo("This payment was cancelled: " + MISTAKE);
        assertThat(reversed.getEtag()).isNotEqualTo(approved.getEtag());
        assertThat(leeds.balance("owed:" + sam)).as("nothing is owed any more").isZero();
        assertThat(leeds.balance("budget")).as("the budget has the money back").isZero();
        assertThat(as("fin").getClaim(get(approved)).getBudgetLeft()).isEqualTo(ProtoMoney.gbp(10_000));
        assertThat(owner.sql("""
                        SELECT r.kind || ' ' || r.debit_account || ' ' || r.credit_account || ' ' || r.amount
                        FROM commission_leeds.ledger_transfer r JOIN commission_leeds.ledger_transfer o ON r.reverses = o.id
                        WHERE o.kind = 'CLAIM_APPROVED'""").query(String.class).list())
                .as("a reversal of the approval's transfer, never an edit of it")
                .containsExactly("REVERSAL owed:" + sam + " budget 4035");
        assertThat(owner.sql("SELECT count(*) FROM commission_leeds.ledger_transfer").query(Integer.class).single()).isEqualTo(2);
        assertThat(as("sam").getClaim(get(approved)).getStateReason()).as("the member reads why")
                .isEqualTo("This payment was cancelled: " + MISTAKE);
        assertThat(owner.sql("SELECT type FROM commission_leeds.outbox_event WHERE type LIKE 'claim.%' ORDER BY sequence")
                .query(String.class).list())
                .containsExactly("claim.made", "claim.approved", "claim.approved", "claim.reversed");
        assertThat(owner.sql("SELECT payload::text FROM commission_leeds.outbox_event WHERE type = 'claim.reversed'")
                .query(String.class).single())
                .as("amounts, never the reason's words or how the member is paid")
                .contains("4035").doesNotContain("claimed twice").doesNotContain("BANK_TRANSFER");
        assertThatThrownBy(() -> as("amara").approveClaim(ApproveClaimRequest.newBuilder().setName(reversed.getName())
                .setEtag(reversed.getEtag()).setRequestId(UUID.randomUUID().toString()).build()))
                .as("a cancelled claim is never approved again")
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "CLAIM_CLOSED"));
        assertThatThrownBy(() -> payouts("fin").createPayout(CreatePayoutRequest.newBuilder().setParent(LEEDS)
                .setPayout(Payout.newBuilder().setMethod(Payout.Method.BANK_TRANSFER)).setRequestId(UUID.randomUUID().toString()).build()))
                .as("a cancelled claim is never paid")
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "NOTHING_TO_PAY"));
    }

    @Test
    void aClaimNotApprovedYetIsTurnedDownInsteadAndNothingIsWritten() {
        leeds.choose(sam, "BANK_TRANSFER");
        Claim made = made(60);
        Claim once = as("fin").approveClaim(approve(made(30)));

        for (Claim notYet : List.of(made, once)) {
            Claim current = as("fin").getClaim(get(notYet));
            String before = snapshot();
            assertThatThrownBy(() -> as("amara").reverseClaim(reverse(current, MISTAKE, UUID.randomUUID())))
                    .satisfies(e -> {
                        assertStatus(e, Status.Code.FAILED_PRECONDITION, "CLAIM_NOT_APPROVED");
                        assertThat(Status.fromThrowable(e).getDescription()).contains("Turn it down instead");
                    });
            assertThat(snapshot()).isEqualTo(before);
        }

        Claim turnedDown = as("amara").rejectClaim(RejectClaimRequest.newBuilder().setName(made.getName())
                .setReason("Please claim this with the session it was for.").build());
        String before = snapshot();
        assertThatThrownBy(() -> as("fin").reverseClaim(reverse(turnedDown, MISTAKE, UUID.randomUUID())))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "CLAIM_CLOSED"));
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void moneyAlreadySentOrWithTheBankIsNeverTakenBackAndNothingIsWritten() {
        leeds.choose(sam, "DONATE");
        Claim donated = approved(60);
        assertThat(donated.getState()).as("a donation is settled at approval").isEqualTo(Claim.State.PAID);
        leeds.choose(sam, "BANK_TRANSFER");
        payouts("sam").updateBankDetails(UpdateBankDetailsRequest.newBuilder().setBankDetails(BankDetails.newBuilder()
                .setName(LEEDS + "/members/" + sam + "/bankDetails").setAccountName("Sam Example").setSortCode("12-34-56")
                .setAccountNumber("12345678")).build());
        Claim withTheBank = approved(120);
        payouts("fin").createPayout(CreatePayoutRequest.newBuilder().setParent(LEEDS)
                .setPayout(Payout.newBuilder().setMethod(Payout.Method.BANK_TRANSFER)).setRequestId(UUID.randomUUID().toString()).build());

        for (Claim sent : List.of(donated, withTheBank)) {
            Claim current = as("fin").getClaim(get(sent));
            String before = snapshot();
            assertThatThrownBy(() -> as("fin").reverseClaim(reverse(current, MISTAKE, UUID.randomUUID())))
                    .satisfies(e -> {
                        assertStatus(e, Status.Code.FAILED_PRECONDITION, "CLAIM_ALREADY_PAID");
                        assertThat(Status.fromThrowable(e).getDescription()).startsWith("The money has already been sent")
                                .contains("Talk to the member");
                    });
            assertThat(snapshot()).isEqualTo(before);
        }
    }

    @Test
    void aClaimBeingPutInAPayoutIsNeverCancelledAtTheSameTime() throws Exception {
        leeds.choose(sam, "BANK_TRANSFER");
        Claim approved = approved(60);
        UUID claim = UUID.fromString(approved.getName().substring(approved.getName().lastIndexOf('/') + 1));
        // A payout choosing the claims to pay holds the claim's row lock until it commits, as PayoutService.create does.
        try (Connection payout = RealPostgres.get().ownerDataSource("payments").getConnection()) {
            payout.setAutoCommit(false);
            JdbcClient inPayout = JdbcClient.create(new SingleConnectionDataSource(payout, true));
            inPayout.sql("SELECT id FROM commission_leeds.claim WHERE id = :id FOR UPDATE").param("id", claim).query(UUID.class).single();
            UUID payoutId = UUID.randomUUID();
            inPayout.sql("""
                    INSERT INTO commission_leeds.payout (id, method, state, total_pence, claims_left_out, created_by, create_time, version)
                    VALUES (:id, 'BANK_TRANSFER', 'SENT_TO_BANK', 1345, 0, 'fin', now(), 1)""").param("id", payoutId).update();
            inPayout.sql("""
                    INSERT INTO commission_leeds.payout_item (payout_id, claim_id, member_id, amount_pence, state)
                    VALUES (:payout, :claim, :member, 1345, 'WAITING')""").param("payout", payoutId).param("claim", claim).param("member", sam)
                    .update();

            CompletableFuture<Throwable> cancelling = CompletableFuture.supplyAsync(() -> {
                try {
                    as("fin").reverseClaim(reverse(approved, MISTAKE, UUID.randomUUID()));
                    return null;
                } catch (RuntimeException refused) {
                    return refused;
                }
            });
            Thread.sleep(500);
            assertThat(cancelling).as("the cancellation waits for the payout").isNotDone();
            payout.commit();

            assertThat(cancelling.get(30, TimeUnit.SECONDS)).as("then finds the claim with the bank")
                    .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "CLAIM_ALREADY_PAID"));
        }
        assertThat(leeds.balance("owed:" + sam)).as("still owed, to be paid by the bank").isEqualTo(1345);
    }

    @Test
    void aCancellationIsNeverCancelledAgain() {
        leeds.choose(sam, "BANK_TRANSFER");
        Claim reversed = as("amara").reverseClaim(reverse(approved(60), MISTAKE, UUID.randomUUID()));
        String before = snapshot();

        assertThatThrownBy(() -> as("fin").reverseClaim(reverse(reversed, "Cancelling it once more.", UUID.randomUUID())))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "CLAIM_ALREADY_REVERSED"));
        assertThat(snapshot()).isEqualTo(before);
        assertThat(owner.sql("SELECT count(*) FROM commission_leeds.ledger_transfer WHERE kind = 'REVERSAL'").query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void aReasonTheMemberCanReadAndTheEtagAreNeededAndOnlyFinanceOrCoordinatorsCancel() {
        leeds.choose(sam, "BANK_TRANSFER");
        Claim approved = approved(60);
        String before = snapshot();

        assertThatThrownBy(() -> as("fin").reverseClaim(reverse(approved, " ", UUID.randomUUID())))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_CLAIM");
                    assertThat(violatedFields(e)).containsExactly("reason");
                });
        assertThatThrownBy(() -> as("fin").reverseClaim(reverse(approved, "x".repeat(501), UUID.randomUUID()).toBuilder().clearEtag()
                .build()))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("reason", "etag"));
        assertThatThrownBy(() -> as("fin").reverseClaim(reverse(approved, MISTAKE, UUID.randomUUID()).toBuilder().clearRequestId().build()))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("request_id"));
        assertThatThrownBy(() -> as("fin").reverseClaim(reverse(approved, MISTAKE, UUID.randomUUID()).toBuilder().setEtag("\"1\"").build()))
                .satisfies(e -> assertStatus(e, Status.Code.ABORTED, "STALE_ETAG"));
        assertThatThrownBy(() -> as("sam").reverseClaim(reverse(approved, MISTAKE, UUID.randomUUID())))
                .as("a member does not cancel").satisfies(e -> assertThat(Status.fromThrowable(e).getCode())
                        .isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThatThrownBy(() -> as("dev").reverseClaim(reverse(approved, MISTAKE, UUID.randomUUID())))
                .as("nor does a facilitator").satisfies(e -> assertThat(Status.fromThrowable(e).getCode())
                        .isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aRetryGetsTheFirstAnswerAndTheSameRequestIdForAnotherRequestIsRefused() {
        leeds.choose(sam, "BANK_TRANSFER");
        Claim approved = approved(90);
        UUID requestId = UUID.randomUUID();
        ReverseClaimRequest first = reverse(approved, MISTAKE, requestId);

        Claim reversed = as("fin").reverseClaim(first);
        String after = snapshot();

        assertThat(as("fin").reverseClaim(first)).as("the same request again gets the first answer").isEqualTo(reversed);
        assertThat(snapshot()).as("and changes nothing").isEqualTo(after);
        assertThatThrownBy(() -> as("fin").reverseClaim(reverse(approved, "Another reason.", requestId)))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "REQUEST_ID_REUSED"));
        assertThat(snapshot()).isEqualTo(after);

        Claim notApproved = made(30);
        ReverseClaimRequest early = reverse(notApproved, MISTAKE, UUID.randomUUID());
        assertThatThrownBy(() -> as("fin").reverseClaim(early))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "CLAIM_NOT_APPROVED"));
        Claim once = as("fin").approveClaim(approve(notApproved));
        as("amara").approveClaim(approve(once));
        assertThatThrownBy(() -> as("fin").reverseClaim(early))
                .as("the same request id gets the first answer, a refusal too, though the claim is approved now")
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "CLAIM_NOT_APPROVED"));
        assertThat(leeds.balance("owed:" + sam)).isEqualTo(673);
    }

    private String snapshot() {
        return leeds.snapshot();
    }

    private void budget(long pence) {
        PaymentPolicyServiceGrpc.newBlockingStub(channels.createChannel("payments")).withInterceptors(Bearer.token(token("fin")))
                .updatePaymentPolicy(UpdatePaymentPolicyRequest.newBuilder().setPaymentPolicy(PaymentPolicy.newBuilder()
                        .setName(LEEDS + "/paymentPolicy").setBudget(ProtoMoney.gbp(pence))).build());
    }

    private Claim made(int minutes) {
        return as("sam").createClaim(CreateClaimRequest.newBuilder().setParent(LEEDS).setRequestId(UUID.randomUUID().toString())
                .setClaim(Claim.newBuilder().setMember(LEEDS + "/members/" + sam).setKind(Claim.Kind.TIME).setMinutes(minutes)
                        .setDescription("Reading the council's papers before the meeting").setWorkDate(ProtoTime.date(YESTERDAY)))
                .build());
    }

    /** A claim of sam's for {@code minutes}, approved by fin and amara. */
    private Claim approved(int minutes) {
        Claim once = as("fin").approveClaim(approve(made(minutes)));
        return as("amara").approveClaim(approve(once));
    }

    private static ApproveClaimRequest approve(Claim claim) {
        return ApproveClaimRequest.newBuilder().setName(claim.getName()).setEtag(claim.getEtag()).setRequestId(UUID.randomUUID().toString())
                .build();
    }

    private static ReverseClaimRequest reverse(Claim claim, String reason, UUID requestId) {
        return ReverseClaimRequest.newBuilder().setName(claim.getName()).setReason(reason).setEtag(claim.getEtag())
                .setRequestId(requestId.toString()).build();
    }

    private static GetClaimRequest get(Claim claim) {
        return GetClaimRequest.newBuilder().setName(claim.getName()).build();
    }

    private PaymentsServiceBlockingStub as(String username) {
        return PaymentsServiceGrpc.newBlockingStub(channels.createChannel("payments")).withInterceptors(Bearer.token(token(username)));
    }

    private PayoutsServiceGrpc.PayoutsServiceBlockingStub payouts(String username) {
        return PayoutsServiceGrpc.newBlockingStub(channels.createChannel("payments")).withInterceptors(Bearer.token(token(username)));
    }
}
