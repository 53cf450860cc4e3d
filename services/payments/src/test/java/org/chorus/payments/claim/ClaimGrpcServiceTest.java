package org.chorus.payments.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.payments.LeedsPayments.subject;
import static org.chorus.payments.LeedsPayments.token;
import static org.chorus.testrig.GrpcAssertions.assertStatus;
import static org.chorus.testrig.GrpcAssertions.violatedFields;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.chorus.membership.v1.Member;
import org.chorus.payments.LeedsPayments;
import org.chorus.payments.v1.ApproveClaimRequest;
import org.chorus.payments.v1.BenefitKind;
import org.chorus.payments.v1.BenefitsGuidanceServiceGrpc;
import org.chorus.payments.v1.BenefitsPlan;
import org.chorus.payments.v1.BenefitsSituation;
import org.chorus.payments.v1.Claim;
import org.chorus.payments.v1.CreateClaimRequest;
import org.chorus.payments.v1.CreatePaymentChoiceRequest;
import org.chorus.payments.v1.EarningsPeriod;
import org.chorus.payments.v1.GetClaimReceiptRequest;
import org.chorus.payments.v1.GetClaimRequest;
import org.chorus.payments.v1.ListClaimsRequest;
import org.chorus.payments.v1.ListClaimsResponse;
import org.chorus.payments.v1.OtherEarnings;
import org.chorus.payments.v1.PaymentChoice;
import org.chorus.payments.v1.PaymentKind;
import org.chorus.payments.v1.PaymentMethod;
import org.chorus.payments.v1.PaymentPolicy;
import org.chorus.payments.v1.PaymentPolicyServiceGrpc;
import org.chorus.payments.v1.PaymentsServiceGrpc.PaymentsServiceBlockingStub;
import org.chorus.payments.v1.PaymentsServiceGrpc;
import org.chorus.payments.v1.PlannedPayment;
import org.chorus.payments.v1.ReceivedBenefit;
import org.chorus.payments.v1.RejectClaimRequest;
import org.chorus.payments.v1.UpdateBenefitsSituationRequest;
import org.chorus.payments.v1.UpdatePaymentPolicyRequest;
import org.chorus.platform.protos.ProtoMoney;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
import org.chorus.testrig.Bearer;
import org.chorus.testrig.MembershipStandIn;
import org.chorus.testrig.RealPostgres;
import org.chorus.testrig.UseRealKeycloak;
import org.chorus.testrig.UseRealPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Claims over the in-process gRPC transport, on a real PostgreSQL and a real Keycloak: priced by the
 * policy of the day, waiting for the member's payment choice, approved by two different people who
 * are neither the member nor who made it, posted to the ledger on the second approval, turned down
 * with a reason the member reads. Leeds: sam is a member, dev facilitates, fin is finance; amara coordinates.
 */
@SpringBootTest
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "payments")
@UseRealKeycloak
@Import(MembershipStandIn.class)
class ClaimGrpcServiceTest {

    static final String LEEDS = "commissions/leeds";
    static final LocalDate YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);

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
        MembershipStandIn.reset();
        MembershipStandIn.member("leeds", sam, Member.State.ACTIVE);
    }

    @Test
    void timeIsPricedAtThePolicyRateWaitsForAChoiceAndTwoDifferentPeopleApproveIt() {
        Claim made = as("sam").createClaim(time(sam, 180, UUID.randomUUID()));

        assertThat(made.getAmount()).as("three hours at the real Living Wage").isEqualTo(ProtoMoney.gbp(4035));
        assertThat(made.getHourlyRate()).isEqualTo(ProtoMoney.gbp(1345));
        assertThat(made.getState()).isEqualTo(Claim.State.WAITING_FOR_A_CHOICE);
        assertThat(made.getStateReason()).isEqualTo("Waiting for you to say how you want to be paid.");
        assertThatThrownBy(() -> as("fin").approveClaim(approve(made)))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "NO_PAYMENT_CHOICE"));
        choose(sam, "BANK_TRANSFER");

        Claim once = as("fin").approveClaim(approve(made));
        assertThat(once.getState()).isEqualTo(Claim.State.SUBMITTED);
        assertThat(once.getStateReason()).isEqualTo("Waiting for a second approval.");
        assertThatThrownBy(() -> as("fin").approveClaim(approve(once)))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "SAME_APPROVER"));
        assertThatThrownBy(() -> as("amara").approveClaim(approve(made)))
                .as("an approval of a claim that changed since it was read")
                .satisfies(e -> assertStatus(e, Status.Code.ABORTED, "STALE_ETAG"));
        assertThat(owed(sam)).as("nothing owed before the second approval").isZero();

        Claim approved = as("amara").approveClaim(approve(once));

        assertThat(approved.getState()).isEqualTo(Claim.State.APPROVED);
        assertThat(approved.getApprovalsList()).hasSize(2);
        assertThat(owed(sam)).isEqualTo(4035);
        assertThatThrownBy(() -> as("fin").approveClaim(approve(approved)))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "ALREADY_APPROVED"));
        Claim asSam = as("sam").getClaim(GetClaimRequest.newBuilder().setName(made.getName()).build());
        assertThat(asSam.getStateReason()).isEqualTo("Approved, and waiting to be paid.");
        assertThat(asSam.hasBudgetLeft()).as("the budget is for finance and coordinators").isFalse();
        assertThat(owner.sql("SELECT type FROM commission_leeds.outbox_event ORDER BY sequence").query(String.class).list())
                .containsExactly("claim.made", "claim.approved", "claim.approved");
    }

    @Test
    void claimsThatWaitedForAChoiceAreSubmittedWhenTheMemberMakesOne() {
        Claim own = as("sam").createClaim(time(sam, 180, UUID.randomUUID()));
        Claim byDev = as("dev").createClaim(time(sam, 60, UUID.randomUUID()));
        Claim turnedDown = as("fin").rejectClaim(RejectClaimRequest.newBuilder().setName(as("dev").createClaim(time(sam, 30,
                UUID.randomUUID())).getName()).setReason("This was claimed twice.").build());
        assertThat(List.of(own.getState(), byDev.getState())).containsOnly(Claim.State.WAITING_FOR_A_CHOICE);

        recordChoice("sam", PaymentMethod.BANK_TRANSFER);

        for (Claim waited : List.of(own, byDev)) {
            Claim now = as("sam").getClaim(GetClaimRequest.newBuilder().setName(waited.getName()).build());
            assertThat(now.getState()).isEqualTo(Claim.State.SUBMITTED);
            assertThat(now.getStateReason()).isEqualTo("Waiting for two people to approve it.");
            assertThat(now.getPaymentMethod()).isEqualTo("BANK_TRANSFER");
            assertThat(now.getEtag()).as("it changed").isNotEqualTo(waited.getEtag());
        }
        assertThat(as("sam").getClaim(GetClaimRequest.newBuilder().setName(turnedDown.getName()).build()).getState())
                .as("a claim turned down stays so").isEqualTo(Claim.State.REJECTED);
        assertThat(owner.sql("SELECT type FROM commission_leeds.outbox_event ORDER BY sequence").query(String.class).list())
                .containsExactly("claim.made", "claim.made", "claim.made", "claim.rejected", "payment_choice.recorded",
                        "claim.submitted", "claim.submitted");
        assertThatThrownBy(() -> as("fin").approveClaim(approve(own)))
                .as("an approval of the claim as it was before the choice")
                .satisfies(e -> assertStatus(e, Status.Code.ABORTED, "STALE_ETAG"));
        Claim once = as("fin").approveClaim(approve(as("fin").getClaim(GetClaimRequest.newBuilder().setName(own.getName()).build())));
        assertThat(as("amara").approveClaim(approve(once)).getState()).isEqualTo(Claim.State.APPROVED);
        assertThat(owed(sam)).isEqualTo(4035);
    }

    /**
     * The race, made to happen every time: the claim reads that there is no choice yet, then waits (on a lock the test
     * holds on the claims table) before it is written; meanwhile the member records a choice. Without the member's lock
     * on their choices, the choice finds no claim waiting for it and the claim is then written waiting, for good.
     */
    @Test
    void aClaimMadeWhileTheMemberRecordsTheirChoiceDoesNotKeepWaitingForIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection holder = RealPostgres.get().ownerDataSource("payments").getConnection();
             Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE commission_leeds.claim IN SHARE MODE");
            Future<Claim> claim = pool.submit(() -> as("sam").createClaim(time(sam, 60, UUID.randomUUID())));
            await("the claim read the choices and waits to be written", () -> backendWaiting("relation", "INSERT INTO claim"));
            Future<PaymentChoice> choice = pool.submit(() -> recordChoice("sam", PaymentMethod.VOUCHERS));
            await("the choice recorded, or waiting for the member's lock",
                    () -> choice.isDone() || backendWaiting("advisory", "SELECT pg_advisory_xact_lock"));
            holder.rollback();
            choice.get(10, TimeUnit.SECONDS);
            Claim made = as("sam").getClaim(GetClaimRequest.newBuilder().setName(claim.get(10, TimeUnit.SECONDS).getName()).build());
            assertThat(made.getState()).isEqualTo(Claim.State.SUBMITTED);
            assertThat(made.getPaymentMethod()).isEqualTo("VOUCHERS");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int tries = 0; !condition.getAsBoolean(); tries++) {
            assertThat(tries).as(what).isLessThan(1000);
            Thread.sleep(10);
        }
    }

    private boolean backendWaiting(String event, String query) {
        return owner.sql("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE wait_event = :event AND starts_with(query, :query))")
                .param("event", event).param("query", query).query(Boolean.class).single();
    }

    @Test
    void nobodyDecidesOnAClaimTheyMadeAndAMemberSeesOnlyTheirOwn() {
        choose(sam, "VOUCHERS");
        Claim byAmara = as("amara").createClaim(time(sam, 60, UUID.randomUUID()));
        assertThat(byAmara.getCreatedBy()).isEqualTo(subject(token("amara")));

        assertThatThrownBy(() -> as("amara").approveClaim(approve(byAmara)))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> as("dev").approveClaim(approve(byAmara)))
                .as("facilitators do not approve").satisfies(e -> assertThat(Status.fromThrowable(e).getCode())
                        .isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThatThrownBy(() -> as("dev").createClaim(time("someone-else", 30, UUID.randomUUID())))
                .as("nobody is claimed for who is not in the commission")
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "NOT_IN_COMMISSION"));
        MembershipStandIn.member("leeds", "someone-else", Member.State.ACTIVE);
        Claim forSomeoneElse = as("dev").createClaim(time("someone-else", 30, UUID.randomUUID()));
        assertThat(as("sam").listClaims(ListClaimsRequest.newBuilder().setParent(LEEDS).build()).getClaimsList())
                .extracting(Claim::getName).containsExactly(byAmara.getName());
        assertThatThrownBy(() -> as("sam").getClaim(GetClaimRequest.newBuilder().setName(forSomeoneElse.getName()).build()))
                .as("someone else's claim is answered as if there were none")
                .satisfies(e -> assertStatus(e, Status.Code.NOT_FOUND, "CLAIM_NOT_FOUND"));
        assertThat(as("fin").getClaim(GetClaimRequest.newBuilder().setName(byAmara.getName()).build()).hasBudgetLeft())
                .as("no budget set").isFalse();
    }

    @Test
    void financeListsTheClaimsStillToDecideOrToCheckPageByPage() {
        choose(sam, "BANK_TRANSFER");
        List<Claim> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(as("sam").createClaim(time(sam, 30 + i, UUID.randomUUID())));
        }
        Claim once = as("fin").approveClaim(approve(made.get(1)));
        as("amara").approveClaim(approve(once));
        owner.sql("UPDATE commission_leeds.claim SET correction_to_check = 'The member did not come.' WHERE id = :id")
                .param("id", UUID.fromString(made.get(1).getName().substring(made.get(1).getName().lastIndexOf('/') + 1))).update();
        ListClaimsRequest toDecide = ListClaimsRequest.newBuilder().setParent(LEEDS).setPageSize(1)
                .addStates(Claim.State.SUBMITTED).addStates(Claim.State.WAITING_FOR_A_CHOICE).build();

        ListClaimsResponse first = as("fin").listClaims(toDecide);
        ListClaimsResponse second = as("fin").listClaims(toDecide.toBuilder().setPageToken(first.getNextPageToken()).build());

        assertThat(first.getClaimsList()).extracting(Claim::getName).containsExactly(made.get(0).getName());
        assertThat(second.getClaimsList()).extracting(Claim::getName).containsExactly(made.get(2).getName());
        assertThat(second.getNextPageToken()).isEmpty();
        assertThat(as("fin").listClaims(ListClaimsRequest.newBuilder().setParent(LEEDS).setCorrectionToCheck(true).build())
                .getClaimsList()).extracting(Claim::getName).containsExactly(made.get(1).getName());
        assertThat(as("sam").listClaims(ListClaimsRequest.newBuilder().setParent(LEEDS).addStates(Claim.State.APPROVED).build())
                .getClaimsList()).as("a member's own, filtered").extracting(Claim::getName).containsExactly(made.get(1).getName());
        assertThatThrownBy(() -> as("fin").listClaims(ListClaimsRequest.newBuilder().setParent(LEEDS)
                .setPageToken(first.getNextPageToken()).build()))
                .as("a page token goes with the filters it was made with")
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_PAGE_TOKEN"));
        assertThatThrownBy(() -> as("fin").listClaims(ListClaimsRequest.newBuilder().setParent(LEEDS)
                .addStates(Claim.State.STATE_UNSPECIFIED).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_CLAIM"))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("states[0]"));
    }

    @Test
    void expensesAreCheckedAgainstThePolicyAndAClaimTurnedDownTellsTheMemberWhy() {
        PaymentPolicyServiceGrpc.newBlockingStub(channels.createChannel("payments")).withInterceptors(Bearer.token(token("fin")))
                .updatePaymentPolicy(UpdatePaymentPolicyRequest.newBuilder().setPaymentPolicy(PaymentPolicy.newBuilder()
                        .setName(LEEDS + "/paymentPolicy").setBudget(ProtoMoney.gbp(10_000))
                        .addCoveredExpenses(PaymentPolicy.CoveredExpense.newBuilder().setKind(PaymentPolicy.ExpenseKind.TRAVEL)
                                .setLimitPerClaim(ProtoMoney.gbp(2000)))).build());
        choose(sam, "BANK_TRANSFER");

        assertThatThrownBy(() -> as("sam").createClaim(expense(sam, PaymentPolicy.ExpenseKind.TRAVEL, 2500)))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("claim.amount"));
        assertThatThrownBy(() -> as("sam").createClaim(expense(sam, PaymentPolicy.ExpenseKind.CHILDCARE, 1000)))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("claim.expense_kind"));
        assertThatThrownBy(() -> as("sam").createClaim(expense(sam, PaymentPolicy.ExpenseKind.TRAVEL, -500)))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("claim.amount"));
        assertThatThrownBy(() -> as("sam").createClaim(time(sam, 0, UUID.randomUUID())))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("claim.minutes"));
        assertThat(owner.sql("SELECT count(*) FROM commission_leeds.claim").query(Integer.class).single()).isZero();

        byte[] notAPdf = "Bus ticket, 6.40".getBytes(StandardCharsets.UTF_8);
        byte[] tooBig = new byte[2 * 1024 * 1024 + 1];
        tooBig[0] = (byte) 0xFF;
        tooBig[1] = (byte) 0xD8;
        tooBig[2] = (byte) 0xFF;
        assertThatThrownBy(() -> as("sam").createClaim(withReceipts(expense(sam, PaymentPolicy.ExpenseKind.TRAVEL, 640),
                receipt("application/pdf", notAPdf), receipt("image/jpeg", tooBig), receipt("text/plain", notAPdf))))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_CLAIM");
                    assertThat(violatedFields(e)).containsExactly("claim.receipts[0].content", "claim.receipts[1].content",
                            "claim.receipts[2].content_type");
                });
        assertThat(owner.sql("SELECT count(*) FROM commission_leeds.claim").query(Integer.class).single()).isZero();

        Claim bus = as("sam").createClaim(withReceipts(expense(sam, PaymentPolicy.ExpenseKind.TRAVEL, 640), receipt("image/png", PNG)));
        assertThat(bus.getReceiptsList()).singleElement().satisfies(r -> {
            assertThat(r.getName()).isEqualTo(bus.getName() + "/receipts/1");
            assertThat(r.getSizeBytes()).isEqualTo(PNG.length);
            assertThat(r.getContent().isEmpty()).as("read back without its content").isTrue();
        });
        assertThat(as("fin").getClaimReceipt(GetClaimReceiptRequest.newBuilder().setName(bus.getName() + "/receipts/1").build())
                .getContent().toByteArray()).isEqualTo(PNG);
        assertThat(owner.sql("SELECT position(:png IN sealed_content) FROM commission_leeds.claim_receipt").param("png", PNG)
                .query(Integer.class).single()).as("sealed at rest").isZero();
        assertThat(as("fin").getClaim(GetClaimRequest.newBuilder().setName(bus.getName()).build()).getBudgetLeft())
                .isEqualTo(ProtoMoney.gbp(10_000));
        Claim turnedDown = as("fin").rejectClaim(RejectClaimRequest.newBuilder().setName(bus.getName())
                .setReason("The receipt is for a different day. Please claim again with the right one.").build());

        assertThat(turnedDown.getState()).isEqualTo(Claim.State.REJECTED);
        assertThat(as("sam").getClaim(GetClaimRequest.newBuilder().setName(bus.getName()).build()).getStateReason())
                .isEqualTo("Not approved: The receipt is for a different day. Please claim again with the right one.");
        assertThatThrownBy(() -> as("amara").approveClaim(approve(turnedDown)))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "CLAIM_CLOSED"));
    }

    @Test
    void beforeApprovingFinanceIsWarnedOfACliffEdgeButNeverToldTheMembersBenefits() {
        choose(sam, "BANK_TRANSFER");
        BenefitsGuidanceServiceGrpc.newBlockingStub(channels.createChannel("payments")).withInterceptors(Bearer.token(token("sam")))
                .updateBenefitsSituation(UpdateBenefitsSituationRequest.newBuilder().setBenefitsSituation(BenefitsSituation.newBuilder()
                        .setName(LEEDS + "/members/" + sam + "/benefitsSituation")
                        .addBenefits(ReceivedBenefit.newBuilder().setKind(BenefitKind.CARERS_ALLOWANCE))
                        .setOtherEarnings(OtherEarnings.newBuilder().setAmount(ProtoMoney.gbp(15_000)).setPeriod(EarningsPeriod.WEEK)))
                        .build());
        Claim fewMinutes = as("sam").createClaim(time(sam, 30, UUID.randomUUID()));
        Claim longDay = as("sam").createClaim(time(sam, 720, UUID.randomUUID()));

        Claim seenByFinance = as("fin").getClaim(GetClaimRequest.newBuilder().setName(longDay.getName()).build());

        assertThat(seenByFinance.getCliffEdgeWarning()).contains("could stop for a week or more").doesNotContain("Carer", "£");
        assertThat(as("fin").getClaim(GetClaimRequest.newBuilder().setName(fewMinutes.getName()).build()).getCliffEdgeWarning())
                .as("£6.73 on top of the week's other earnings stays under the limit").isEmpty();
        assertThat(as("sam").getClaim(GetClaimRequest.newBuilder().setName(longDay.getName()).build()).getCliffEdgeWarning())
                .as("the warning is for whoever approves").isEmpty();
        assertThat(owner.sql("SELECT capacity || ' ' || action FROM commission_leeds.benefits_situation_access WHERE actor_subject = :fin")
                .param("fin", subject(token("fin"))).query(String.class).list())
                .as("each check is recorded, for sam to see who looked").containsExactly("APPROVER CHECKED_A_PAYMENT", "APPROVER CHECKED_A_PAYMENT");
    }

    @Test
    void aRetryReturnsTheFirstClaimAndAReusedRequestIdForAnotherIsRefused() {
        UUID requestId = UUID.randomUUID();
        Claim first = as("sam").createClaim(time(sam, 90, requestId));

        assertThat(as("sam").createClaim(time(sam, 90, requestId))).isEqualTo(first);
        assertThatThrownBy(() -> as("sam").createClaim(time(sam, 120, requestId)))
                .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThat(owner.sql("SELECT count(*) FROM commission_leeds.claim").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aRetryGetsTheFirstAnswerEvenAnErrorAndACallStillBeingHandledIsAborted() throws SQLException {
        Claim made = as("sam").createClaim(time(sam, 60, UUID.randomUUID()));
        ApproveClaimRequest early = approve(made);
        assertThatThrownBy(() -> as("fin").approveClaim(early))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "NO_PAYMENT_CHOICE"));
        choose(sam, "BANK_TRANSFER");

        assertThatThrownBy(() -> as("fin").approveClaim(early))
                .as("the same request id gets the first answer, although the approval would work now")
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "NO_PAYMENT_CHOICE"));
        ApproveClaimRequest now = approve(made);
        Claim once = as("fin").approveClaim(now);
        assertThat(once.getApprovalsCount()).isEqualTo(1);
        assertThat(as("fin").approveClaim(now)).as("a retry gets the first answer").isEqualTo(once);

        // Another call holds the request id (as a call still being handled does): this one is aborted, nothing is written.
        ApproveClaimRequest second = approve(once);
        try (Connection holder = RealPostgres.get().ownerDataSource("payments").getConnection()) {
            advisory(holder, "pg_advisory_lock", second.getRequestId());
            assertThatThrownBy(() -> as("amara").approveClaim(second))
                    .satisfies(e -> assertStatus(e, Status.Code.ABORTED, "REQUEST_IN_PROGRESS"));
            assertThat(owed(sam)).isZero();
            advisory(holder, "pg_advisory_unlock", second.getRequestId());
        }
        assertThat(as("amara").approveClaim(second).getState()).as("then the same call works").isEqualTo(Claim.State.APPROVED);
        assertThat(owed(sam)).isEqualTo(1345);
    }

    private static void advisory(Connection connection, String function, String requestId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT " + function + "(hashtextextended(?, 0))")) {
            lock.setString(1, requestId);
            lock.executeQuery().close();
        }
    }

    private CreateClaimRequest time(String member, int minutes, UUID requestId) {
        return CreateClaimRequest.newBuilder().setParent(LEEDS).setRequestId(requestId.toString()).setClaim(Claim.newBuilder()
                .setMember(LEEDS + "/members/" + member).setKind(Claim.Kind.TIME).setMinutes(minutes)
                .setDescription("Reading the council's papers before the meeting").setWorkDate(ProtoTime.date(YESTERDAY))).build();
    }

    private CreateClaimRequest expense(String member, PaymentPolicy.ExpenseKind kind, long pence) {
        return CreateClaimRequest.newBuilder().setParent(LEEDS).setRequestId(UUID.randomUUID().toString()).setClaim(Claim.newBuilder()
                .setMember(LEEDS + "/members/" + member).setKind(Claim.Kind.EXPENSE).setExpenseKind(kind)
                .setAmount(ProtoMoney.gbp(pence)).setDescription("Bus to the session and home")
                // Today: the policy covering travel applies from today, and a cost is judged by the policy of its day.
                .setWorkDate(ProtoTime.date(YESTERDAY.plusDays(1)))).build();
    }

    /** The smallest PNG: one transparent pixel. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private static org.chorus.payments.v1.Receipt receipt(String type, byte[] content) {
        return org.chorus.payments.v1.Receipt.newBuilder().setContentType(type).setContent(ByteString.copyFrom(content)).build();
    }

    private static CreateClaimRequest withReceipts(CreateClaimRequest request, org.chorus.payments.v1.Receipt... receipts) {
        return request.toBuilder().setClaim(request.getClaim().toBuilder().addAllReceipts(List.of(receipts))).build();
    }

    private static ApproveClaimRequest approve(Claim claim) {
        return ApproveClaimRequest.newBuilder().setName(claim.getName()).setEtag(claim.getEtag()).setRequestId(UUID.randomUUID().toString())
                .build();
    }

    private void choose(String member, String method) {
        leeds.choose(member, method);
    }

    /** A payment choice recorded by the member through the API, as the console records one. */
    private PaymentChoice recordChoice(String username, PaymentMethod method) {
        return BenefitsGuidanceServiceGrpc.newBlockingStub(channels.createChannel("payments"))
                .withInterceptors(Bearer.token(token(username)))
                .createPaymentChoice(CreatePaymentChoiceRequest.newBuilder()
                        .setParent(LEEDS + "/members/" + subject(token(username)))
                        .setRequestId(UUID.randomUUID().toString())
                        .setPaymentChoice(PaymentChoice.newBuilder().setMethod(method)
                                .setPlan(BenefitsPlan.newBuilder().addPayments(PlannedPayment.newBuilder()
                                        .setDate(ProtoTime.date(YESTERDAY)).setKind(PaymentKind.FEE).setAmount(ProtoMoney.gbp(4035))
                                        .setMinutes(180)))
                                .addRulesVersions("2026-27.1").setGuidanceFingerprint("sha256:" + "0".repeat(64)))
                        .build());
    }

    private long owed(String member) {
        return owner.sql("SELECT coalesce(sum(amount), 0) FROM commission_leeds.ledger_transfer WHERE credit_account = :account")
                .param("account", "owed:" + member).query(Long.class).single();
    }

    private PaymentsServiceBlockingStub as(String username) {
        return PaymentsServiceGrpc.newBlockingStub(channels.createChannel("payments")).withInterceptors(Bearer.token(token(username)));
    }
}
