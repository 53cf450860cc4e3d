package org.chorus.payments.benefits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.testrig.GrpcAssertions.assertStatus;
import static org.chorus.testrig.GrpcAssertions.violations;

import com.google.protobuf.FieldMask;
import com.google.rpc.BadRequest;
import com.google.type.Date;
import com.google.type.Money;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.chorus.payments.v1.BenefitGuidance;
import org.chorus.payments.v1.BenefitKind;
import org.chorus.payments.v1.BenefitsGuidance;
import org.chorus.payments.v1.BenefitsGuidanceServiceGrpc.BenefitsGuidanceServiceBlockingStub;
import org.chorus.payments.v1.BenefitsGuidanceServiceGrpc;
import org.chorus.payments.v1.BenefitsPlan;
import org.chorus.payments.v1.BenefitsSituation;
import org.chorus.payments.v1.CreatePaymentChoiceRequest;
import org.chorus.payments.v1.GetBenefitsSituationRequest;
import org.chorus.payments.v1.GetPaymentChoiceRequest;
import org.chorus.payments.v1.PaymentChoice;
import org.chorus.payments.v1.PaymentChoiceRecorded;
import org.chorus.payments.v1.PaymentEventsServiceGrpc;
import org.chorus.payments.v1.PaymentKind;
import org.chorus.payments.v1.PaymentMethod;
import org.chorus.payments.v1.PlannedPayment;
import org.chorus.payments.v1.PreviewBenefitsGuidanceRequest;
import org.chorus.payments.v1.ReceivedBenefit;
import org.chorus.payments.v1.UpdateBenefitsSituationRequest;
import org.chorus.payments.v1.WatchPaymentEventsRequest;
import org.chorus.payments.v1.WorkPattern;
import org.chorus.payments.v1.WriteAdviserLetterRequest;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
import org.chorus.platform.v1.Event;
import org.chorus.testrig.Bearer;
import org.chorus.testrig.RealKeycloak;
import org.chorus.testrig.RealPostgres;
import org.chorus.testrig.UseRealKeycloak;
import org.chorus.testrig.UseRealPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Benefits guidance over the in-process gRPC transport, on a real PostgreSQL and real Keycloak tokens. */
@SpringBootTest
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "payments")
@UseRealKeycloak
class BenefitsGuidanceGrpcServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    GrpcChannelFactory channels;

    @Autowired
    CommissionSchemaProvisioner schemas;

    /** As the database owner, to look beneath the service and to clean up. */
    final JdbcClient owner = JdbcClient.create(RealPostgres.get().ownerDataSource("payments"));

    String samToken;
    String samSituation;

    @BeforeEach
    void leedsIsSetUpAndEmpty() {
        schemas.provision("leeds");
        owner.sql("TRUNCATE commission_leeds.benefits_situation, commission_leeds.benefits_situation_access, "
                + "commission_leeds.payment_choice, commission_leeds.outbox_event").update();
        samToken = token("sam");
        samSituation = "commissions/leeds/members/" + subject(samToken) + "/benefitsSituation";
    }

    @Test
    void previewAsAMemberReproducesTheUniversalCreditExample() {
        BenefitsGuidance guidance = as("sam").previewBenefitsGuidance(preview(ucWithoutWorkAllowance(), oneFee(4035)));

        BenefitGuidance uc = guidance.getBenefits(0);
        assertThat(uc.getBenefit()).isEqualTo(BenefitKind.UNIVERSAL_CREDIT);
        assertThat(uc.getEffect()).isEqualTo(BenefitGuidance.Effect.GOES_DOWN);
        assertThat(uc.getEstimatedChange()).isEqualTo(gbp(-2219));
        assertThat(uc.getNoticesList()).anySatisfy(n -> assertThat(n.getText()).contains("£22.19"));
        assertThat(guidance.getSuggestion()).isEqualTo(BenefitsGuidance.Suggestion.ASK_AN_ADVISER_FIRST);
        assertThat(guidance.getRulesVersionsList()).containsExactly("2025-26.1");
        assertThat(guidance.getTotals().getCountedAsEarnings()).isEqualTo(gbp(4035));
        assertThat(guidance.getNoticesList()).isNotEmpty().allSatisfy(n -> assertThat(n.getCode()).isNotBlank());
        assertThat(guidance.getText()).contains("£22.19");
        assertThat(guidance.getGuidanceFingerprint()).matches("sha256:[0-9a-f]{64}");
        assertThat(as("sam").previewBenefitsGuidance(preview(ucWithoutWorkAllowance(), oneFee(4035))).getGuidanceFingerprint())
                .as("the same situation, plan and rules give the same fingerprint")
                .isEqualTo(guidance.getGuidanceFingerprint());
        assertThat(as("sam").previewBenefitsGuidance(preview(ucWithoutWorkAllowance(), oneFee(4036))).getGuidanceFingerprint())
                .isNotEqualTo(guidance.getGuidanceFingerprint());
        assertThat(countRows("benefits_situation") + countRows("benefits_situation_access")).as("nothing stored").isZero();
    }

    @Test
    void previewIsClosedToPeopleOutsideTheCommission() {
        assertThatThrownBy(() -> as("priya").previewBenefitsGuidance(preview(ucWithoutWorkAllowance(), oneFee(4035))))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
    }

    @Test
    void badInputIsInvalidWithAPlainViolationForEachField() {
        BenefitsSituation situation = BenefitsSituation.newBuilder()
                .addBenefits(ReceivedBenefit.newBuilder().setKindValue(99))
                .addBenefits(ReceivedBenefit.newBuilder().setKind(BenefitKind.UNIVERSAL_CREDIT).setWorkAllowance(true))
                .build();
        BenefitsPlan plan = BenefitsPlan.newBuilder()
                .addPayments(payment(2026, 3, 9, PaymentKind.FEE, -500))
                .addPayments(payment(2031, 3, 9, PaymentKind.FEE, 4035))
                .addPayments(payment(2026, 3, 9, PaymentKind.FEE, 100_000_000))
                .addPatterns(WorkPattern.newBuilder().setFirstDate(day(2026, 3, 2)).setWeeks(4).setMinutesPerWeek(7 * 24 * 60 + 1))
                .build();

        assertThatThrownBy(() -> as("sam").previewBenefitsGuidance(preview(situation, plan))).satisfies(e -> {
            assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_GUIDANCE_REQUEST");
            assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).contains(
                    "situation.benefits[0].kind", "situation.benefits[1].work_allowance", "plan.payments[0].amount",
                    "plan.payments[1].date", "plan.payments[2].amount", "plan.patterns[0].minutes_per_week");
            assertThat(violations(e)).allSatisfy(v -> assertThat(v.getDescription()).isNotBlank().doesNotContain("Exception"));
        });
    }

    @Test
    void moneyInAnotherCurrencyOrFractionsOfAPennyIsInvalid() {
        BenefitsPlan plan = BenefitsPlan.newBuilder()
                .addPayments(payment(2026, 3, 9, PaymentKind.FEE, 4035).toBuilder()
                        .setAmount(Money.newBuilder().setCurrencyCode("EUR").setUnits(40)))
                .addPayments(payment(2026, 3, 9, PaymentKind.FEE, 4035).toBuilder()
                        .setAmount(Money.newBuilder().setCurrencyCode("GBP").setUnits(40).setNanos(355_000_000)))
                .build();

        assertThatThrownBy(() -> as("sam").previewBenefitsGuidance(preview(ucWithoutWorkAllowance(), plan))).satisfies(e -> {
            assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_GUIDANCE_REQUEST");
            assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField)
                    .containsExactly("plan.payments[0].amount", "plan.payments[1].amount");
        });
    }

    @Test
    void aMemberSavesTheirSituationAndReadsItBack() {
        BenefitsSituation saved = as("sam").updateBenefitsSituation(save(ucWithoutWorkAllowance(), ""));

        assertThat(saved.getName()).isEqualTo(samSituation);
        assertThat(saved.getEtag()).isNotBlank();
        BenefitsSituation read = as("sam").getBenefitsSituation(get(samSituation));
        assertThat(read).isEqualTo(saved);
        assertThat(read.getBenefits(0).getKind()).isEqualTo(BenefitKind.UNIVERSAL_CREDIT);
        assertThat(read.getOtherEarnings().getAmount()).isEqualTo(gbp(5000));
    }

    @Test
    void theSavedSituationIsNotPlaintextInTheDatabase() {
        as("sam").updateBenefitsSituation(save(ucWithoutWorkAllowance(), ""));

        var row = owner.sql("SELECT key_id, nonce, ciphertext FROM commission_leeds.benefits_situation").query().singleRow();
        String bytes = new String((byte[]) row.get("ciphertext"), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain("UNIVERSAL_CREDIT").doesNotContain("universal").doesNotContain("MONTH")
                .doesNotContain("benefits").doesNotContain("5000");
        assertThat((byte[]) row.get("nonce")).hasSize(12);
        assertThat(row.get("key_id")).isEqualTo("dev-1");
    }

    @Test
    void financeCanReadTheSituationAndEveryAccessIsRecordedWithoutContent() {
        as("sam").updateBenefitsSituation(save(ucWithoutWorkAllowance(), ""));

        BenefitsSituation read = as("fin").getBenefitsSituation(get(samSituation));

        assertThat(read.getBenefits(0).getKind()).isEqualTo(BenefitKind.UNIVERSAL_CREDIT);
        var access = owner.sql("SELECT * FROM commission_leeds.benefits_situation_access ORDER BY id").query().listOfRows();
        assertThat(access).extracting(r -> r.get("action") + " " + r.get("capacity") + " " + r.get("actor_subject"))
                .containsExactly("SAVE MEMBER " + subject(samToken), "READ FINANCE " + subject(token("fin")));
        assertThat(access).allSatisfy(r -> assertThat(r.get("member_id")).isEqualTo(subject(samToken)));
    }

    @Test
    void aFacilitatorAnotherCommissionsMemberAndACoordinatorCannotReadTheSituation() {
        as("sam").updateBenefitsSituation(save(ucWithoutWorkAllowance(), ""));

        for (String person : List.of("dev", "priya", "amara")) {
            assertThatThrownBy(() -> as(person).getBenefitsSituation(get(samSituation)))
                    .as(person).satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        }
        assertThat(countRows("benefits_situation_access")).as("only sam's save").isEqualTo(1);
    }

    @Test
    void nobodyButTheMemberCanSaveTheirSituation() {
        for (String person : List.of("fin", "dev", "amara")) {
            assertThatThrownBy(() -> as(person).updateBenefitsSituation(save(ucWithoutWorkAllowance(), "")))
                    .as(person).satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        }
        assertThat(countRows("benefits_situation")).isZero();
    }

    @Test
    void nothingSavedIsNotFoundForTheMemberButStillDeniedToOthers() {
        assertThatThrownBy(() -> as("sam").getBenefitsSituation(get(samSituation)))
                .satisfies(e -> assertStatus(e, Status.Code.NOT_FOUND, "BENEFITS_SITUATION_NOT_FOUND"));
        assertThatThrownBy(() -> as("dev").getBenefitsSituation(get(samSituation)))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
    }

    @Test
    void aStaleEtagIsAbortedAndTheNewerSaveIsKept() {
        BenefitsSituation first = as("sam").updateBenefitsSituation(save(ucWithoutWorkAllowance(), ""));
        BenefitsSituation second = as("sam").updateBenefitsSituation(UpdateBenefitsSituationRequest.newBuilder()
                .setBenefitsSituation(BenefitsSituation.newBuilder().setName(samSituation).setLondon(true).setEtag(first.getEtag()))
                .setUpdateMask(FieldMask.newBuilder().addPaths("london"))
                .build());
        assertThat(second.getLondon()).isTrue();
        assertThat(second.getBenefitsList()).as("fields outside the mask are kept").isEqualTo(first.getBenefitsList());

        assertThatThrownBy(() -> as("sam").updateBenefitsSituation(save(BenefitsSituation.getDefaultInstance(), first.getEtag())))
                .satisfies(e -> assertStatus(e, Status.Code.ABORTED, "ETAG_MISMATCH"));
        assertThat(as("sam").getBenefitsSituation(get(samSituation)).getBenefitsList()).isEqualTo(first.getBenefitsList());
    }

    @Test
    void anInvalidSituationIsNotSavedAndItsFieldsAreNamedAsSent() {
        BenefitsSituation wrong = BenefitsSituation.newBuilder()
                .addBenefits(ReceivedBenefit.newBuilder().setKind(BenefitKind.UNIVERSAL_CREDIT).setWorkAllowance(true))
                .build();

        assertThatThrownBy(() -> as("sam").updateBenefitsSituation(save(wrong, ""))).satisfies(e -> {
            assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_BENEFITS_SITUATION");
            assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField)
                    .containsExactly("benefits_situation.benefits[0].work_allowance");
        });
        assertThat(countRows("benefits_situation")).isZero();
    }

    @Test
    void aChoiceIsRecordedWithItsEventInTheSameTransaction() {
        BenefitsGuidance guidance = as("sam").previewBenefitsGuidance(preview(ucWithoutWorkAllowance(), oneFee(4035)));
        String requestId = UUID.randomUUID().toString();

        PaymentChoice recorded = as("sam").createPaymentChoice(choice(guidance, PaymentMethod.TIME_CREDITS, requestId));

        assertThat(recorded.getName()).startsWith("commissions/leeds/members/" + subject(samToken) + "/paymentChoices/");
        assertThat(recorded.getCreateTime().getSeconds()).isPositive();
        assertThat(recorded.getGuidanceFingerprint()).isEqualTo(guidance.getGuidanceFingerprint());
        assertThat(as("sam").getPaymentChoice(GetPaymentChoiceRequest.newBuilder().setName(recorded.getName()).build()))
                .isEqualTo(recorded);
        var events = owner.sql("SELECT type, resource_name, payload_type, payload::text AS payload FROM commission_leeds.outbox_event")
                .query().listOfRows();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.get("type")).isEqualTo("payment_choice.recorded");
            assertThat(event.get("resource_name")).isEqualTo(recorded.getName());
            assertThat(event.get("payload_type")).isEqualTo("chorus.payments.v1.PaymentChoiceRecorded");
            JsonNode payload = JSON.readTree((String) event.get("payload"));
            assertThat(payload.path("payment_choice").asString()).isEqualTo(recorded.getName());
            assertThat(payload.path("method").asString()).isEqualTo("TIME_CREDITS");
            assertThat(payload.path("guidance_fingerprint").asString()).isEqualTo(guidance.getGuidanceFingerprint());
            assertThat(payload.has("reason")).as("the member's own words stay with the choice").isFalse();
        });
    }

    @Test
    void aFacilitatorRecordsAChoiceForAMemberOnlyWithTheirAgreementAndTheRecordSaysWhoActed() {
        BenefitsGuidance guidance = as("dev").previewBenefitsGuidance(preview(ucWithoutWorkAllowance(), oneFee(4035)));
        CreatePaymentChoiceRequest forSam = choice(guidance, PaymentMethod.VOUCHERS, UUID.randomUUID().toString());

        assertThatThrownBy(() -> as("dev").createPaymentChoice(forSam))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "MEMBER_AGREEMENT_NEEDED"));
        assertThatThrownBy(() -> as("fin").createPaymentChoice(forSam.toBuilder().setMemberAgreed(true).build()))
                .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThat(countRows("payment_choice")).isZero();
        PaymentChoice recorded = as("dev").createPaymentChoice(forSam.toBuilder().setMemberAgreed(true).build());

        assertThat(recorded.getOnBehalf()).isTrue();
        assertThat(recorded.getRecordedBy()).isEqualTo(subject(RealKeycloak.get().passwordToken("dev", "demo-password")));
        assertThat(as("sam").getPaymentChoice(GetPaymentChoiceRequest.newBuilder().setName(recorded.getName()).build()).getOnBehalf())
                .as("the member sees it was recorded for them").isTrue();
    }

    @Test
    void theChoiceIsOnThePaymentsFeedTypedForCoordinatorsAndServicesOnly() throws Exception {
        BenefitsGuidance guidance = as("sam").previewBenefitsGuidance(preview(ucWithoutWorkAllowance(), oneFee(4035)));
        PaymentChoice recorded = as("sam").createPaymentChoice(choice(guidance, PaymentMethod.VOUCHERS, UUID.randomUUID().toString()));
        long before = owner.sql("SELECT last_sequence FROM commission_leeds.outbox_counter").query(Long.class).single() - 1;
        var feed = WatchPaymentEventsRequest.newBuilder().setParent("commissions/leeds").setAfterSequence(before).build();

        List<Event> events = new ArrayList<>();
        feedAs("amara").watchPaymentEvents(feed).forEachRemaining(events::add);

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getName()).isEqualTo("commissions/leeds/paymentEvents/" + (before + 1));
            assertThat(event.getResource()).isEqualTo(recorded.getName());
            PaymentChoiceRecorded payload = event.getPayload().unpack(PaymentChoiceRecorded.class);
            assertThat(payload.getMethod()).isEqualTo("VOUCHERS");
            assertThat(payload.getMember()).isEqualTo("commissions/leeds/members/" + subject(samToken));
            assertThat(payload.hasLowerAmountPence()).isFalse();
        });
        for (String refused : List.of("sam", "fin", "dev")) {
            assertThatThrownBy(() -> feedAs(refused).watchPaymentEvents(feed).forEachRemaining(e -> { }))
                    .as(refused).satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        }
    }

    @Test
    void aRetryReturnsTheFirstChoiceAndAReusedRequestIdWithADifferentBodyIsInvalid() {
        BenefitsGuidance guidance = as("sam").previewBenefitsGuidance(preview(ucWithoutWorkAllowance(), oneFee(4035)));
        String requestId = UUID.randomUUID().toString();
        PaymentChoice first = as("sam").createPaymentChoice(choice(guidance, PaymentMethod.TIME_CREDITS, requestId));

        assertThat(as("sam").createPaymentChoice(choice(guidance, PaymentMethod.TIME_CREDITS, requestId))).isEqualTo(first);
        assertThatThrownBy(() -> as("sam").createPaymentChoice(choice(guidance, PaymentMethod.BANK_TRANSFER, requestId)))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "REQUEST_ID_REUSED");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly("request_id");
                });
        assertThat(countRows("payment_choice")).isEqualTo(1);
        assertThat(countRows("outbox_event")).isEqualTo(1);
    }

    @Test
    void anInvalidChoiceIsRefusedAndNothingIsStored() {
        BenefitsGuidance guidance = as("sam").previewBenefitsGuidance(preview(ucWithoutWorkAllowance(), oneFee(4035)));
        var request = choice(guidance, PaymentMethod.LOWER_AMOUNT, "not-a-uuid").toBuilder();
        request.getPaymentChoiceBuilder().setReason("x".repeat(501)).clearGuidanceFingerprint();

        assertThatThrownBy(() -> as("sam").createPaymentChoice(request.build())).satisfies(e -> {
            assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_PAYMENT_CHOICE");
            assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactlyInAnyOrder(
                    "payment_choice.lower_amount", "payment_choice.reason", "payment_choice.guidance_fingerprint", "request_id");
        });
        assertThat(countRows("payment_choice") + countRows("outbox_event")).isZero();
    }

    @Test
    void onlyTheMemberRecordsTheirChoiceAndFinanceMayReadIt() {
        BenefitsGuidance guidance = as("sam").previewBenefitsGuidance(preview(ucWithoutWorkAllowance(), oneFee(4035)));
        PaymentChoice recorded = as("sam").createPaymentChoice(choice(guidance, PaymentMethod.VOUCHERS, UUID.randomUUID().toString()));
        var forSam = choice(guidance, PaymentMethod.VOUCHERS, UUID.randomUUID().toString());

        assertThatThrownBy(() -> as("fin").createPaymentChoice(forSam))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThat(as("fin").getPaymentChoice(GetPaymentChoiceRequest.newBuilder().setName(recorded.getName()).build()))
                .isEqualTo(recorded);
        assertThatThrownBy(() -> as("dev").getPaymentChoice(GetPaymentChoiceRequest.newBuilder().setName(recorded.getName()).build()))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
    }

    @Test
    void theAdviserLetterComesAsTextAndPdf() {
        BenefitsGuidance guidance = as("sam").previewBenefitsGuidance(preview(ucWithoutWorkAllowance(), oneFee(4035)));
        PaymentChoice recorded = as("sam").createPaymentChoice(choice(guidance, PaymentMethod.TIME_CREDITS, UUID.randomUUID().toString()));

        var letter = as("sam").writeAdviserLetter(WriteAdviserLetterRequest.newBuilder()
                .setName(recorded.getName())
                .setMemberName("Sam")
                .setCommissionName("Leeds Poverty Truth Commission")
                .setInvolvement("meets the group to share what poverty is like")
                .setPayer("Leeds Poverty Truth Commission, through Chorus")
                .setContact("Dev, 0113 000 0000")
                .build());

        assertThat(letter.getText()).contains("Sam").contains("£40.35").contains("time credits");
        assertThat(letter.getPdf().substring(0, 4).toStringUtf8()).isEqualTo("%PDF");
        assertThatThrownBy(() -> as("sam").writeAdviserLetter(WriteAdviserLetterRequest.newBuilder().setName(recorded.getName()).build()))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_ADVISER_LETTER");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).contains("member_name", "contact");
                });
    }

    // ---- helpers

    private BenefitsGuidanceServiceBlockingStub as(String username) {
        return BenefitsGuidanceServiceGrpc.newBlockingStub(channels.createChannel("payments"))
                .withInterceptors(Bearer.token(username.equals("sam") && samToken != null ? samToken : token(username)));
    }

    private PaymentEventsServiceGrpc.PaymentEventsServiceBlockingStub feedAs(String username) {
        return PaymentEventsServiceGrpc.newBlockingStub(channels.createChannel("payments")).withInterceptors(Bearer.token(token(username)));
    }

    private static String token(String username) {
        return RealKeycloak.get().passwordToken(username, "demo-password");
    }

    static String subject(String jwt) {
        byte[] payload = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
        return JSON.readTree(payload).path("sub").asString();
    }

    private long countRows(String table) {
        return owner.sql("SELECT count(*) FROM commission_leeds." + table).query(Long.class).single();
    }

    private UpdateBenefitsSituationRequest save(BenefitsSituation situation, String etag) {
        return UpdateBenefitsSituationRequest.newBuilder()
                .setBenefitsSituation(situation.toBuilder().setName(samSituation).setEtag(etag))
                .build();
    }

    private static GetBenefitsSituationRequest get(String name) {
        return GetBenefitsSituationRequest.newBuilder().setName(name).build();
    }

    private CreatePaymentChoiceRequest choice(BenefitsGuidance guidance, PaymentMethod method, String requestId) {
        return CreatePaymentChoiceRequest.newBuilder()
                .setParent("commissions/leeds/members/" + subject(samToken))
                .setPaymentChoice(PaymentChoice.newBuilder()
                        .setMethod(method)
                        .setReason("I want to keep my Universal Credit steady.")
                        .setPlan(oneFee(4035))
                        .addAllRulesVersions(guidance.getRulesVersionsList())
                        .setGuidanceFingerprint(guidance.getGuidanceFingerprint()))
                .setRequestId(requestId)
                .build();
    }

    static PreviewBenefitsGuidanceRequest preview(BenefitsSituation situation, BenefitsPlan plan) {
        return PreviewBenefitsGuidanceRequest.newBuilder().setParent("commissions/leeds").setSituation(situation).setPlan(plan).build();
    }

    static BenefitsSituation ucWithoutWorkAllowance() {
        return BenefitsSituation.newBuilder()
                .addBenefits(ReceivedBenefit.newBuilder().setKind(BenefitKind.UNIVERSAL_CREDIT))
                .setOtherEarnings(org.chorus.payments.v1.OtherEarnings.newBuilder().setAmount(gbp(5000))
                        .setPeriod(org.chorus.payments.v1.EarningsPeriod.MONTH))
                .build();
    }

    /** One 3-hour session on Monday 9 March 2026 (tax year 2025/26). */
    static BenefitsPlan oneFee(long pence) {
        return BenefitsPlan.newBuilder().addPayments(payment(2026, 3, 9, PaymentKind.FEE, pence).toBuilder().setMinutes(180)).build();
    }

    static PlannedPayment payment(int year, int month, int day, PaymentKind kind, long pence) {
        return PlannedPayment.newBuilder().setDate(day(year, month, day)).setKind(kind).setAmount(gbp(pence)).build();
    }

    static Date day(int year, int month, int day) {
        return Date.newBuilder().setYear(year).setMonth(month).setDay(day).build();
    }

    static Money gbp(long pence) {
        return Money.newBuilder().setCurrencyCode("GBP").setUnits(pence / 100).setNanos((int) (pence % 100) * 10_000_000).build();
    }

}
