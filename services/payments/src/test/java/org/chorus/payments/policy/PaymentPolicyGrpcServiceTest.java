package org.chorus.payments.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.testrig.GrpcAssertions.assertStatus;
import static org.chorus.testrig.GrpcAssertions.violatedFields;

import com.google.type.Date;
import io.grpc.Status;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.chorus.payments.v1.GetPaymentPolicyRequest;
import org.chorus.payments.v1.ListPaymentPolicyRevisionsRequest;
import org.chorus.payments.v1.PaymentPolicy;
import org.chorus.payments.v1.PaymentPolicyServiceGrpc;
import org.chorus.payments.v1.PaymentPolicyServiceGrpc.PaymentPolicyServiceBlockingStub;
import org.chorus.payments.v1.UpdatePaymentPolicyRequest;
import org.chorus.platform.protos.ProtoMoney;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
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

/**
 * A commission's payment policy over the in-process gRPC transport, on a real PostgreSQL and a real
 * Keycloak: it starts at the real Living Wage read from the rules; finance or a coordinator revise
 * it from a day on, never backwards, and every revision is kept; bad values are refused all at once.
 * Leeds: fin is finance, dev facilitates, sam is a member; amara coordinates.
 */
@SpringBootTest
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "payments")
@UseRealKeycloak
class PaymentPolicyGrpcServiceTest {

    static final String POLICY = "commissions/leeds/paymentPolicy";
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Autowired
    GrpcChannelFactory channels;
    @Autowired
    CommissionSchemaProvisioner schemas;

    final JdbcClient owner = JdbcClient.create(RealPostgres.get().ownerDataSource("payments"));

    @BeforeEach
    void leedsHasNoRevisions() {
        schemas.provision("leeds");
        owner.sql("TRUNCATE commission_leeds.payment_policy_revision, commission_leeds.outbox_event").update();
    }

    private PaymentPolicyServiceBlockingStub as(String username) {
        return PaymentPolicyServiceGrpc.newBlockingStub(channels.createChannel("payments"))
                .withInterceptors(Bearer.token(RealKeycloak.get().passwordToken(username, "demo-password")));
    }

    private static Date day(LocalDate day) {
        return ProtoTime.date(day);
    }

    private static UpdatePaymentPolicyRequest revise(PaymentPolicy.Builder policy) {
        return UpdatePaymentPolicyRequest.newBuilder().setPaymentPolicy(policy.setName(POLICY)).build();
    }

    @Test
    void everyCommissionStartsAtTheRealLivingWageAndMembersCanSeeIt() {
        PaymentPolicy policy = as("sam").getPaymentPolicy(GetPaymentPolicyRequest.newBuilder().setName(POLICY).build());

        assertThat(policy.getRevision()).isZero();
        assertThat(policy.getRateBasis()).isEqualTo(PaymentPolicy.RateBasis.REAL_LIVING_WAGE);
        assertThat(policy.getHourlyRate()).isEqualTo(ProtoMoney.gbp(1345));
        assertThat(policy.getRateSource()).contains("Living Wage Foundation");
        assertThat(policy.getCoveredExpensesList()).isEmpty();
        assertThat(policy.hasBudget()).isFalse();
    }

    @Test
    void aRevisionAppliesFromItsDayAndEveryRevisionIsKept() {
        LocalDate from = TODAY.plusDays(10);
        PaymentPolicy revised = as("fin").updatePaymentPolicy(revise(PaymentPolicy.newBuilder()
                .setEffectiveDate(day(from))
                .setRateBasis(PaymentPolicy.RateBasis.REAL_LIVING_WAGE_LONDON)
                .setPreparationMinutes(30)
                .setTravelTimePaid(true)
                .addCoveredExpenses(expense(PaymentPolicy.ExpenseKind.TRAVEL, 2000))
                .addCoveredExpenses(expense(PaymentPolicy.ExpenseKind.CHILDCARE, 4000))
                .setBudget(ProtoMoney.gbp(500_000))));

        assertThat(revised.getRevision()).isEqualTo(1);
        assertThat(revised.getHourlyRate()).as("London's rate on the day it applies from").isEqualTo(ProtoMoney.gbp(1480));
        PaymentPolicy today = as("sam").getPaymentPolicy(GetPaymentPolicyRequest.newBuilder().setName(POLICY).build());
        assertThat(today.getRevision()).as("nothing changes before its day").isZero();
        PaymentPolicy then = as("sam").getPaymentPolicy(GetPaymentPolicyRequest.newBuilder().setName(POLICY).setDate(day(from)).build());
        assertThat(then.getRevision()).isEqualTo(1);
        assertThat(then.getPreparationMinutes()).isEqualTo(30);
        assertThat(then.getCoveredExpensesList()).extracting(PaymentPolicy.CoveredExpense::getKind)
                .containsExactly(PaymentPolicy.ExpenseKind.TRAVEL, PaymentPolicy.ExpenseKind.CHILDCARE);

        PaymentPolicy custom = as("amara").updatePaymentPolicy(revise(PaymentPolicy.newBuilder().setEtag(revised.getEtag())
                .setEffectiveDate(day(from)).setRateBasis(PaymentPolicy.RateBasis.CUSTOM).setHourlyRate(ProtoMoney.gbp(1600))));
        assertThat(custom.getRevision()).isEqualTo(2);
        assertThat(custom.getTravelTimePaid()).as("what the mask does not name is kept from the latest").isTrue();
        assertThat(as("dev").listPaymentPolicyRevisions(ListPaymentPolicyRevisionsRequest.newBuilder().setName(POLICY).build())
                .getPaymentPoliciesList()).extracting(PaymentPolicy::getRevision).containsExactly(2, 1);
        assertThat(owner.sql("SELECT type FROM commission_leeds.outbox_event ORDER BY sequence").query(String.class).list())
                .containsExactly("payment_policy.revised", "payment_policy.revised");
        assertThatThrownBy(() -> as("fin").updatePaymentPolicy(revise(PaymentPolicy.newBuilder().setEtag(revised.getEtag())
                .setPreparationMinutes(60)))).satisfies(e -> assertStatus(e, Status.Code.ABORTED, "STALE_ETAG"));
    }

    @Test
    void onlyFinanceAndCoordinatorsReviseAndBadValuesAreAllRefusedTogetherWithNothingWritten() {
        assertThatThrownBy(() -> as("dev").updatePaymentPolicy(revise(PaymentPolicy.newBuilder().setPreparationMinutes(30))))
                .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));

        assertThatThrownBy(() -> as("fin").updatePaymentPolicy(revise(PaymentPolicy.newBuilder()
                .setEffectiveDate(day(TODAY.minusDays(1)))
                .setRateBasis(PaymentPolicy.RateBasis.CUSTOM)
                .setHourlyRate(ProtoMoney.gbp(1000))
                .setPreparationMinutes(300)
                .addCoveredExpenses(expense(PaymentPolicy.ExpenseKind.TRAVEL, 2000))
                .addCoveredExpenses(expense(PaymentPolicy.ExpenseKind.TRAVEL, 3000)))))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_PAYMENT_POLICY");
                    assertThat(violatedFields(e)).containsExactlyInAnyOrder("payment_policy.covered_expenses[1].kind");
                });
        assertThatThrownBy(() -> as("fin").updatePaymentPolicy(revise(PaymentPolicy.newBuilder()
                .setEffectiveDate(day(TODAY.minusDays(1)))
                .setRateBasis(PaymentPolicy.RateBasis.CUSTOM)
                .setHourlyRate(ProtoMoney.gbp(1000))
                .setPreparationMinutes(300))))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactlyInAnyOrder("payment_policy.effective_date",
                        "payment_policy.hourly_rate", "payment_policy.preparation_minutes"));
        assertThat(owner.sql("SELECT count(*) FROM commission_leeds.payment_policy_revision").query(Integer.class).single()).isZero();
    }

    private static PaymentPolicy.CoveredExpense expense(PaymentPolicy.ExpenseKind kind, long pence) {
        return PaymentPolicy.CoveredExpense.newBuilder().setKind(kind).setLimitPerClaim(ProtoMoney.gbp(pence)).build();
    }
}
