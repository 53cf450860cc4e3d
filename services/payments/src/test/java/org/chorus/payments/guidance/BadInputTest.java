package org.chorus.payments.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.payments.guidance.Fixtures.ENGINE;
import static org.chorus.payments.guidance.Fixtures.MARCH_2026;
import static org.chorus.payments.guidance.Fixtures.oneFee;
import static org.chorus.payments.guidance.Fixtures.situationDraft;

import java.time.LocalDate;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.chorus.payments.guidance.GuidanceRequest.BenefitDraft;
import org.chorus.payments.guidance.GuidanceRequest.PaymentDraft;
import org.chorus.payments.guidance.GuidanceRequest.PatternDraft;
import org.chorus.payments.guidance.GuidanceRequest.PlanDraft;
import org.chorus.payments.guidance.GuidanceRequest.SituationDraft;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.junit.jupiter.api.Test;

class BadInputTest {

    private static final SituationDraft NONE = situationDraft();

    private static List<FieldViolation> refused(ThrowingCallable call) {
        ChorusException[] caught = new ChorusException[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(ChorusException.class, e -> caught[0] = e);
        assertThat(caught[0].kind()).isEqualTo(ChorusException.Kind.INVALID_ARGUMENT);
        assertThat(caught[0].reason()).isEqualTo("INVALID_GUIDANCE_REQUEST");
        return caught[0].violations();
    }

    @Test
    void aNegativeAmountIsRefused() {
        assertThat(refused(() -> ENGINE.preview(NONE, oneFee(MARCH_2026, -1))))
                .containsExactly(new FieldViolation("plan.payments[0].amount", "An amount cannot be less than £0."));
    }

    @Test
    void anAmountOverTenThousandPoundsForOnePaymentIsRefused() {
        assertThat(ENGINE.preview(NONE, oneFee(MARCH_2026, 1_000_000)).totals().fees()).isEqualTo(Money.ofPounds(10_000));
        assertThat(refused(() -> ENGINE.preview(NONE, oneFee(MARCH_2026, 1_000_001))))
                .singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("plan.payments[0].amount");
                    assertThat(v.description()).contains("£10,000");
                });
    }

    @Test
    void otherEarningsMustBeZeroOrMoreAndSayWhichPeriod() {
        SituationDraft negative = new SituationDraft(List.of(), -5, "WEEK", false);
        assertThat(refused(() -> ENGINE.preview(negative, oneFee(MARCH_2026, 100))))
                .extracting(FieldViolation::field).containsExactly("situation.other_earnings.amount");
        SituationDraft noPeriod = new SituationDraft(List.of(), 500, "FORTNIGHT", false);
        assertThat(refused(() -> ENGINE.preview(noPeriod, oneFee(MARCH_2026, 100))))
                .extracting(FieldViolation::field).containsExactly("situation.other_earnings.period");
    }

    @Test
    void aDateOutsideEveryLoadedTaxYearIsRefusedWithTheYearNamed() {
        assertThat(refused(() -> ENGINE.preview(NONE, oneFee(LocalDate.of(2025, 4, 5), 100))))
                .singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("plan.payments[0].date");
                    assertThat(v.description()).contains("5 April 2025", "2024/25");
                });
        assertThat(refused(() -> ENGINE.preview(NONE, oneFee(LocalDate.of(2027, 4, 6), 100))))
                .extracting(FieldViolation::field).containsExactly("plan.payments[0].date");
    }

    @Test
    void aPatternThatRunsPastTheLastLoadedYearIsRefused() {
        PatternDraft late = new PatternDraft(LocalDate.of(2027, 3, 1), 10, 180, 0, "FEE");
        assertThat(refused(() -> ENGINE.preview(NONE, Fixtures.pattern(late))))
                .extracting(FieldViolation::field).containsExactly("plan.patterns[0].weeks");
    }

    @Test
    void aPatternWithMoreHoursThanAWeekHasIsRefused() {
        PatternDraft tooLong = new PatternDraft(MARCH_2026, 4, 169 * 60, 1345, "FEE");
        assertThat(refused(() -> ENGINE.preview(NONE, Fixtures.pattern(tooLong))))
                .containsExactly(new FieldViolation("plan.patterns[0].minutes_per_week", "A week has only 168 hours. Please give fewer hours."));
    }

    @Test
    void aPatternAtTheLivingWageIsSpelledOutWeekByWeek() {
        Guidance g = ENGINE.preview(NONE, Fixtures.pattern(new PatternDraft(MARCH_2026, 4, 180, 0, null)));
        assertThat(g.totals().fees()).isEqualTo(Money.parse("161.40"));
    }

    @Test
    void aWorkAllowanceWithoutAChildOrLimitedCapabilityForWorkIsRefused() {
        SituationDraft contradictory = situationDraft(new BenefitDraft("UNIVERSAL_CREDIT", null, true, true, false, false));
        assertThat(refused(() -> ENGINE.preview(contradictory, oneFee(MARCH_2026, 100))))
                .singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("situation.benefits[0].work_allowance");
                    assertThat(v.description()).contains("look after a child");
                });
        SituationDraft withChild = situationDraft(new BenefitDraft("UNIVERSAL_CREDIT", null, true, true, true, false));
        assertThat(ENGINE.preview(withChild, oneFee(MARCH_2026, 100)).benefits()).hasSize(1);
    }

    @Test
    void anUnknownBenefitKindIsRefusedAndEveryProblemIsListedAtOnce() {
        SituationDraft s = situationDraft(BenefitDraft.of("CARERS_ALLOWANCE"), BenefitDraft.of("WINTER_FUEL"),
                BenefitDraft.of(""), BenefitDraft.of("INCOME_SUPPORT"));
        assertThat(refused(() -> ENGINE.preview(s, new PlanDraft(List.of(new PaymentDraft(MARCH_2026, "CASH", 100, 0)), List.of()))))
                .containsExactly(
                        new FieldViolation("situation.benefits[1].kind", "We do not know the benefit \"WINTER_FUEL\". Please choose one from the list."),
                        new FieldViolation("situation.benefits[2].kind", "Please choose a benefit from the list."),
                        new FieldViolation("situation.benefits[3].premium",
                                "Please tell us how you get Income Support. Is it as one person, a couple or a lone parent? "
                                        + "Or is it at a higher rate?"),
                        new FieldViolation("plan.payments[0].kind",
                                "We do not know the kind \"CASH\". Please choose a fee, costs, vouchers or time credits."));
    }

    @Test
    void universalCreditWithABenefitItReplacedIsRefused() {
        SituationDraft s = situationDraft(BenefitDraft.of("UNIVERSAL_CREDIT"),
                new BenefitDraft("INCOME_BASED_JSA", "SINGLE", false, false, false, false));
        assertThat(refused(() -> ENGINE.preview(s, oneFee(MARCH_2026, 100))))
                .extracting(FieldViolation::field).containsExactly("situation.benefits[1].kind");
    }

    @Test
    void theSameBenefitTwiceIsRefused() {
        SituationDraft s = situationDraft(BenefitDraft.of("PIP"), BenefitDraft.of("pip"));
        assertThat(refused(() -> ENGINE.preview(s, oneFee(MARCH_2026, 100))))
                .extracting(FieldViolation::field).containsExactly("situation.benefits[1].kind");
    }

    @Test
    void anEmptyPlanIsRefused() {
        assertThat(refused(() -> ENGINE.preview(NONE, new PlanDraft(List.of(), List.of()))))
                .extracting(FieldViolation::field).containsExactly("plan");
    }

    @Test
    void negativeHoursAndAbsurdRatesAreRefused() {
        PlanDraft plan = new PlanDraft(List.of(new PaymentDraft(MARCH_2026, "FEE", 100, -30)),
                List.of(new PatternDraft(MARCH_2026, 0, 180, 60_000, "FEE")));
        assertThat(refused(() -> ENGINE.preview(NONE, plan))).extracting(FieldViolation::field)
                .containsExactly("plan.payments[0].minutes", "plan.patterns[0].weeks", "plan.patterns[0].rate");
    }
}
