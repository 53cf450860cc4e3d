package org.chorus.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.chorus.membership.v1.Consent;
import org.chorus.membership.v1.ConsentPurpose;
import org.chorus.membership.v1.ConsentPurposeWording;
import org.chorus.payments.v1.BenefitsGuidance;
import org.chorus.payments.v1.BenefitsPlan;
import org.chorus.payments.v1.MethodOption;
import org.chorus.payments.v1.PaymentKind;
import org.chorus.payments.v1.PaymentMethod;
import org.junit.jupiter.api.Test;

/** The pure parts of a member's own pages: the plan tried, the guidance's blocks and ways, the consent form's rows. */
class MemberPagesTest {

    @Test
    void aTriedPaymentIsOneFeeOnTheDay() {
        BenefitsPlan plan = Guidance.plan(4050, LocalDate.of(2026, 3, 14));

        assertThat(plan.getPaymentsCount()).isEqualTo(1);
        assertThat(plan.getPayments(0).getKind()).isEqualTo(PaymentKind.FEE);
        assertThat(plan.getPayments(0).getAmount().getUnits()).isEqualTo(40);
        assertThat(plan.getPayments(0).getAmount().getNanos()).isEqualTo(500_000_000);
        assertThat(plan.getPayments(0).getDate().getDay()).isEqualTo(14);
        assertThat(plan.getPatternsCount()).isZero();
    }

    @Test
    void theGuidanceTextIsAHeadingAndItsLinesForEachBlock() {
        List<Guidance.Block> blocks = Guidance.blocks(
                "Universal Credit\n- It could go down.\n- By about £4.\n\n  \r\nGood to know\n- Ask for free advice.\n\n- On its own\n");

        assertThat(blocks).containsExactly(
                new Guidance.Block("Universal Credit", List.of("It could go down.", "By about £4.")),
                new Guidance.Block("Good to know", List.of("Ask for free advice.")),
                new Guidance.Block("", List.of("On its own")));
        assertThat(Guidance.blocks("")).isEmpty();
    }

    @Test
    void everyWayOfBeingPaidIsOfferedWhenTheGuidanceListsNone() {
        assertThat(Guidance.methods(BenefitsGuidance.getDefaultInstance()))
                .containsExactly("BANK_TRANSFER", "VOUCHERS", "TIME_CREDITS", "LOWER_AMOUNT", "NO_PAYMENT", "DONATE");
        assertThat(Guidance.methods(BenefitsGuidance.newBuilder()
                .addMethods(MethodOption.newBuilder().setMethod(PaymentMethod.VOUCHERS))
                .addMethods(MethodOption.newBuilder().setMethod(PaymentMethod.BANK_TRANSFER)).build()))
                .containsExactly("VOUCHERS", "BANK_TRANSFER");
    }

    @Test
    void onlyTheContractsWaysOfBeingPaidAreTaken() {
        assertThat(Guidance.method("VOUCHERS")).isEqualTo(PaymentMethod.VOUCHERS);
        assertThat(Guidance.method("PAYMENT_METHOD_UNSPECIFIED")).isEqualTo(PaymentMethod.PAYMENT_METHOD_UNSPECIFIED);
        assertThat(Guidance.method("UNRECOGNIZED")).isEqualTo(PaymentMethod.PAYMENT_METHOD_UNSPECIFIED);
        assertThat(Guidance.method("bank")).isEqualTo(PaymentMethod.PAYMENT_METHOD_UNSPECIFIED);
        assertThat(Guidance.method(null)).isEqualTo(PaymentMethod.PAYMENT_METHOD_UNSPECIFIED);
    }

    @Test
    void eachPurposeShowsTheLatestAnswerOrNone() {
        List<ConsentPurposeWording> purposes = List.of(
                wording(ConsentPurpose.KEEPING_CONTACT_DETAILS, 2),
                wording(ConsentPurpose.NAMED_IN_REPORTS, 1),
                wording(ConsentPurpose.PHOTOGRAPHS, 1));
        List<Consent> answers = List.of(
                Consent.newBuilder().setPurpose(ConsentPurpose.NAMED_IN_REPORTS).setGiven(true).build(),
                Consent.newBuilder().setPurpose(ConsentPurpose.KEEPING_CONTACT_DETAILS).setGiven(true).build(),
                Consent.newBuilder().setPurpose(ConsentPurpose.NAMED_IN_REPORTS).setGiven(false).build());

        List<ConsentForm.PurposeRow> rows = ConsentForm.rows(purposes, answers);

        assertThat(rows).extracting(ConsentForm.PurposeRow::purpose)
                .containsExactly("KEEPING_CONTACT_DETAILS", "NAMED_IN_REPORTS", "PHOTOGRAPHS");
        assertThat(rows).extracting(ConsentForm.PurposeRow::given).containsExactly(true, false, null);
        assertThat(rows.get(0).version()).isEqualTo(2);
    }

    private static ConsentPurposeWording wording(ConsentPurpose purpose, int version) {
        return ConsentPurposeWording.newBuilder().setPurpose(purpose).setVersion(version).setTitle("Title").setWording("Words").build();
    }
}
