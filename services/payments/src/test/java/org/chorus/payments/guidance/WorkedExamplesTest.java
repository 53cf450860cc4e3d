package org.chorus.payments.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.chorus.payments.guidance.Fixtures.ENGINE;
import static org.chorus.payments.guidance.Fixtures.JUNE_2026;
import static org.chorus.payments.guidance.Fixtures.MARCH_2026;
import static org.chorus.payments.guidance.Fixtures.fee;
import static org.chorus.payments.guidance.Fixtures.guide;
import static org.chorus.payments.guidance.Fixtures.pounds;
import static org.chorus.payments.guidance.Fixtures.receiving;

import java.math.BigDecimal;
import org.chorus.payments.guidance.BenefitGuidance.Effect;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every worked example in shared/reference/benefits-and-payments.md, reproduced. */
class WorkedExamplesTest {

    private static double hours(WorkHours time) {
        return time.minutes() / 60.0;
    }

    @Test
    void aThreeHourSessionAtTheLivingWageIsFortyPoundsThirtyFive() {
        assertThat(ENGINE.livingWageFee(WorkHours.ofHours(3), MARCH_2026, false)).isEqualTo(pounds("40.35"));
        assertThat(ENGINE.livingWageFee(WorkHours.ofHours(3), MARCH_2026, true)).isEqualTo(pounds("44.40"));
        assertThat(ENGINE.livingWage(MARCH_2026, true).value()).isEqualTo(pounds("14.80"));
    }

    @Nested
    class UniversalCredit {

        @Test
        void withNoWorkAllowanceAFeeOfFortyPoundsThirtyFiveLowersItByTwentyTwoPoundsNineteen() {
            Guidance g = guide(receiving(Benefit.universalCredit(false, false, false)), fee(MARCH_2026, "40.35", 3));
            BenefitGuidance uc = g.benefit(BenefitKind.UNIVERSAL_CREDIT);
            assertThat(uc.effect()).isEqualTo(Effect.GOES_DOWN);
            assertThat(uc.estimatedReduction()).isEqualTo(pounds("22.19"));
            assertThat(uc.notices().getFirst().text()).isEqualTo(
                    "Your Universal Credit could go down by about £22.19 in March 2026. You would keep about £18.16 of the £40.35.");
            assertThat(uc.notices().getFirst().checkThis()).isFalse();
        }

        @Test
        void withHousingCostsTheWorkAllowanceGivesFourHundredAndElevenPoundsOfHeadroomAMonth() {
            Benefit uc = Benefit.universalCredit(true, true, false);
            Headroom headroom = guide(receiving(uc), fee(MARCH_2026, "40.35", 3))
                    .benefit(BenefitKind.UNIVERSAL_CREDIT).headroom().getFirst();
            assertThat(headroom.period()).isEqualTo(Period.MONTH);
            assertThat(headroom.roomBeforeAnyPayment()).isEqualTo(pounds("411"));
            assertThat(headroom.left()).isEqualTo(pounds("370.65"));
            assertThat(hours(headroom.timeWithinLimit())).isCloseTo(30.6, within(0.05));
        }

        @Test
        void withoutHousingCostsTheWorkAllowanceIsSixHundredAndEightyFourPoundsAMonth() {
            Benefit uc = Benefit.universalCredit(false, false, true);
            Headroom headroom = guide(receiving(uc), fee(MARCH_2026, "40.35", 3))
                    .benefit(BenefitKind.UNIVERSAL_CREDIT).headroom().getFirst();
            assertThat(headroom.roomBeforeAnyPayment()).isEqualTo(pounds("684"));
            assertThat(hours(headroom.timeWithinLimit())).isCloseTo(50.9, within(0.05));
        }

        @Test
        void payUpToTheWorkAllowanceChangesNothingAndAPennyMoreStartsTheTaper() {
            Benefit uc = Benefit.universalCredit(true, true, false);
            assertThat(guide(receiving(uc), fee(MARCH_2026, "411")).benefit(BenefitKind.UNIVERSAL_CREDIT).effect())
                    .isEqualTo(Effect.NO_CHANGE);
            BenefitGuidance over = guide(receiving(uc), fee(MARCH_2026, "511")).benefit(BenefitKind.UNIVERSAL_CREDIT);
            assertThat(over.effect()).isEqualTo(Effect.GOES_DOWN);
            assertThat(over.estimatedReduction()).isEqualTo(pounds("55"));
        }

        @Test
        void theNextYearsWorkAllowanceIsShownAsCheckThisBecauseItIsUnconfirmed() {
            Benefit uc = Benefit.universalCredit(true, true, false);
            Guidance g = guide(receiving(uc), fee(JUNE_2026, "40.35", 3));
            assertThat(g.benefit(BenefitKind.UNIVERSAL_CREDIT).notices())
                    .filteredOn(n -> n.code().equals("UC_WORK_ALLOWANCE")).singleElement()
                    .satisfies(n -> {
                        assertThat(n.checkThis()).isTrue();
                        assertThat(n.text()).endsWith("Check this: we are not yet sure of this figure.");
                    });
        }
    }

    @Nested
    class CarersAllowance {

        private final Situation carer = receiving(Benefit.of(BenefitKind.CARERS_ALLOWANCE));

        @Test
        void inTwentyTwentyFiveOneNinetySixAWeekIsSafeAndAPennyMoreIsFlagged() {
            assertThat(guide(carer, fee(MARCH_2026, "196")).benefit(BenefitKind.CARERS_ALLOWANCE).cliffEdges()).isEmpty();
            BenefitGuidance over = guide(carer, fee(MARCH_2026, "196.01")).benefit(BenefitKind.CARERS_ALLOWANCE);
            assertThat(over.effect()).isEqualTo(Effect.COULD_STOP);
            assertThat(over.cliffEdges()).singleElement().satisfies(c -> {
                assertThat(c.limit().value()).isEqualTo(pounds("196"));
                assertThat(c.crossingPayment().amount()).isEqualTo(pounds("196.01"));
            });
            assertThat(over.notices()).anySatisfy(n -> {
                assertThat(n.severity()).isEqualTo(Notice.Severity.CLIFF_EDGE);
                assertThat(n.text()).contains("over the limit of £196", "lose all your Carer's Allowance for that week");
            });
        }

        @Test
        void inTwentyTwentySixTheLimitIsTwoHundredAndFour() {
            assertThat(guide(carer, fee(JUNE_2026, "204")).benefit(BenefitKind.CARERS_ALLOWANCE).cliffEdges()).isEmpty();
            assertThat(guide(carer, fee(JUNE_2026, "204.01")).benefit(BenefitKind.CARERS_ALLOWANCE).cliffEdges()).hasSize(1);
        }

        @Test
        void thePaymentThatWouldCrossTheLimitIsNamedWithTheRoomLeftBeforeIt() {
            BenefitGuidance ca = guide(carer, fee(MARCH_2026, "150", 11), fee(MARCH_2026.plusDays(2), "60", 4))
                    .benefit(BenefitKind.CARERS_ALLOWANCE);
            assertThat(ca.cliffEdges()).singleElement().satisfies(c -> {
                assertThat(c.crossingPayment().date()).isEqualTo(MARCH_2026.plusDays(2));
                assertThat(c.roomBeforePayment()).isEqualTo(pounds("46"));
                assertThat(c.weekTotal()).isEqualTo(pounds("210"));
            });
            assertThat(ca.notices()).anySatisfy(n -> assertThat(n.text())
                    .isEqualTo("The payment of £60 on 12 March 2026 is the one that takes you over. Up to £46 that week would be safe."));
        }

        @Test
        void aPlanOverTheLimitEveryWeekListsEachWeekButSpellsOutOnlyTheFirst() {
            Plan weekly = Plan.of(new WeeklyPattern(MARCH_2026, 4, WorkHours.ofHours(15), new HourlyRate(pounds("13.45")), PaymentKind.FEE));
            BenefitGuidance ca = Fixtures.ENGINE.preview(carer, weekly).benefit(BenefitKind.CARERS_ALLOWANCE);
            assertThat(ca.cliffEdges()).hasSize(4);
            assertThat(ca.notices()).extracting(Notice::code)
                    .containsExactly("CA_OVER_LIMIT", "PAYMENT_THAT_CROSSES", "MORE_WEEKS_OVER", "CA_WEEKLY_LIMIT");
            assertThat(ca.notices().get(2).text()).isEqualTo("The same would happen in 3 more weeks of this plan.");
        }

        @Test
        void paymentsInDifferentWeeksAreNotAddedTogether() {
            BenefitGuidance ca = guide(carer, fee(MARCH_2026, "150"), fee(MARCH_2026.plusWeeks(1), "150"))
                    .benefit(BenefitKind.CARERS_ALLOWANCE);
            assertThat(ca.cliffEdges()).isEmpty();
        }

        @Test
        void theWeeklyLimitIsAboutFourteenAndAHalfHoursAtTheLivingWage() {
            Headroom h = guide(carer, fee(MARCH_2026, "40.35", 3)).benefit(BenefitKind.CARERS_ALLOWANCE).headroom().getFirst();
            assertThat(h.period()).isEqualTo(Period.WEEK);
            assertThat(h.left()).isEqualTo(pounds("155.65"));
            assertThat(hours(h.timeWithinLimit())).isCloseTo(14.6, within(0.05));
            assertThat(new HourlyRate(pounds("13.45")).feeFor(h.timeWithinLimit())).isLessThanOrEqualTo(pounds("196"));
        }
    }

    @Nested
    class NewStyleEsa {

        private final Situation esa = receiving(Benefit.of(BenefitKind.NEW_STYLE_ESA));

        private BenefitGuidance esa(PlannedPayment... payments) {
            return guide(esa, payments).benefit(BenefitKind.NEW_STYLE_ESA);
        }

        @Test
        void twentyPoundsAWeekIsSafeWhateverTheHours() {
            assertThat(esa(fee(MARCH_2026, "20", 30)).cliffEdges()).isEmpty();
        }

        @Test
        void upToOneNinetyFivePoundsFiftyIsSafeUnderSixteenHours() {
            assertThat(esa(fee(MARCH_2026, "195.50", 14)).cliffEdges()).isEmpty();
            assertThat(esa(fee(MARCH_2026, "195.51", 14)).cliffEdges()).singleElement()
                    .satisfies(c -> assertThat(c.cause()).isEqualTo(CliffEdge.Cause.OVER_MONEY_LIMIT));
        }

        @Test
        void sixteenHoursOrMoreIsFlaggedOnceThePayIsOverTwentyPounds() {
            assertThat(esa(fee(MARCH_2026, "20.01", 16)).cliffEdges()).singleElement()
                    .satisfies(c -> assertThat(c.cause()).isEqualTo(CliffEdge.Cause.OVER_HOURS_LIMIT));
            assertThat(esa(fee(MARCH_2026, "100", 15)).cliffEdges()).isEmpty();
        }

        @Test
        void theLimitsAreAboutOneAndAHalfAndFourteenAndAHalfHoursAtTheLivingWage() {
            BenefitGuidance g = esa(fee(MARCH_2026, "40.35", 3));
            assertThat(g.headroom()).extracting(h -> h.limit().value()).containsExactly(pounds("20"), pounds("195.50"));
            assertThat(hours(g.headroom().get(0).timeWithinLimit())).isCloseTo(1.5, within(0.05));
            assertThat(hours(g.headroom().get(1).timeWithinLimit())).isCloseTo(14.5, within(0.05));
        }

        @Test
        void inTwentyTwentySixTheComputedHigherLimitIsShownAsCheckThis() {
            BenefitGuidance g = guide(esa, fee(JUNE_2026, "40.35", 3)).benefit(BenefitKind.NEW_STYLE_ESA);
            assertThat(g.headroom().get(1).limit().value()).isEqualTo(pounds("203.36"));
            assertThat(g.notices()).filteredOn(n -> n.code().equals("ESA_LIMITS")).singleElement()
                    .satisfies(n -> assertThat(n.checkThis()).isTrue());
        }
    }

    @Nested
    class LegacyBenefits {

        @Test
        void aFeeAboveTheDisregardLowersIncomeSupportPoundForPoundAndSaysCheckThis() {
            Guidance g = guide(receiving(Benefit.legacy(BenefitKind.INCOME_SUPPORT, Premium.SINGLE)), fee(MARCH_2026, "40.35", 3));
            BenefitGuidance is = g.benefit(BenefitKind.INCOME_SUPPORT);
            assertThat(is.estimatedReduction()).isEqualTo(pounds("35.35"));
            assertThat(is.notices().getFirst().checkThis()).isTrue();
        }

        @Test
        void theDisregardDependsOnThePremiumAndHousingBenefitHasItsOwnForLoneParents() {
            BenefitRules r = Fixtures.RULES.forDate(MARCH_2026).orElseThrow();
            assertThat(r.disregard(Premium.SINGLE, false).value()).isEqualTo(pounds("5"));
            assertThat(r.disregard(Premium.COUPLE, false).value()).isEqualTo(pounds("10"));
            assertThat(r.disregard(Premium.HIGHER, false).value()).isEqualTo(pounds("20"));
            assertThat(r.disregard(Premium.LONE_PARENT, false).value()).isEqualTo(pounds("20"));
            assertThat(r.disregard(Premium.LONE_PARENT, true).value()).isEqualTo(pounds("25"));
        }

        @Test
        void housingBenefitAboveTheDisregardSaysWeDoNotKnowByHowMuch() {
            BenefitGuidance hb = guide(receiving(Benefit.legacy(BenefitKind.HOUSING_BENEFIT, Premium.LONE_PARENT)),
                    fee(MARCH_2026, "40.35", 3)).benefit(BenefitKind.HOUSING_BENEFIT);
            assertThat(hb.effect()).isEqualTo(Effect.UNKNOWN);
            assertThat(hb.notices().getFirst().text()).contains("more than £25", "ask an adviser");
        }
    }

    @Test
    void disabilityBenefitsAreUnchangedButStartingRegularActivityIsFlagged() {
        BenefitGuidance pip = guide(receiving(Benefit.of(BenefitKind.PIP)), fee(MARCH_2026, "40.35", 3)).benefit(BenefitKind.PIP);
        assertThat(pip.effect()).isEqualTo(Effect.NOT_MEANS_TESTED);
        assertThat(pip.notices()).extracting(Notice::code).containsExactly("NOT_MEANS_TESTED", "CHANGE_OF_CIRCUMSTANCES");
    }

    @Test
    void pensionCreditRulesAreUnknownSoTheGuidanceSaysSoAndPointsToAdvice() {
        Guidance g = guide(receiving(Benefit.of(BenefitKind.PENSION_CREDIT)), fee(MARCH_2026, "40.35", 3));
        assertThat(g.benefit(BenefitKind.PENSION_CREDIT).effect()).isEqualTo(Effect.UNKNOWN);
        assertThat(g.benefit(BenefitKind.PENSION_CREDIT).notices().getFirst().text()).contains("ask an adviser");
        assertThat(g.suggestion()).isEqualTo(Guidance.Suggestion.ASK_AN_ADVISER_FIRST);
        assertThat(g.method(PaymentMethod.BANK_TRANSFER).assessment()).isEqualTo(MethodOption.Assessment.ASK_AN_ADVISER);
    }

    @Test
    void vouchersShowBothPositionsWithBothSourcesAndDefaultToAskingAnAdviser() {
        Guidance g = guide(receiving(Benefit.universalCredit(false, false, false)), fee(MARCH_2026, "40.35", 3));
        MethodOption vouchers = g.method(PaymentMethod.VOUCHERS);
        assertThat(vouchers.assessment()).isEqualTo(MethodOption.Assessment.ASK_AN_ADVISER);
        assertThat(vouchers.notices()).flatExtracting(Notice::sources)
                .contains(RuleSources.VOUCHERS_DWP, RuleSources.VOUCHERS_WELFARE_RIGHTS);
        assertThat(g.method(PaymentMethod.TIME_CREDITS).assessment()).isEqualTo(MethodOption.Assessment.AVOIDS_HARM);
        assertThat(g.method(PaymentMethod.NO_PAYMENT).notices().getFirst().sources()).contains(RuleSources.NO_NOTIONAL_EARNINGS);
        assertThat(g.suggestion()).isEqualTo(Guidance.Suggestion.ASK_AN_ADVISER_FIRST);
    }

    @Test
    void councilTaxAndWhereToGetFreeAdviceAreAlwaysSaid() {
        Guidance g = guide(receiving(), fee(MARCH_2026, "40.35", 3));
        assertThat(g.notices()).extracting(Notice::code).contains("COUNCIL_TAX", "NOT_LEGAL_ADVICE", "WHERE_TO_GET_ADVICE");
        assertThat(g.suggestion()).isEqualTo(Guidance.Suggestion.BANK_TRANSFER_LOOKS_SAFE);
    }

    @Test
    void aLowerAmountNamesHowMuchWouldLeaveEachBenefitAlone() {
        Guidance g = guide(receiving(Benefit.of(BenefitKind.CARERS_ALLOWANCE)), fee(MARCH_2026, "250"));
        assertThat(g.method(PaymentMethod.LOWER_AMOUNT).notices()).singleElement()
                .satisfies(n -> assertThat(n.text()).isEqualTo("A lower amount: you could take up to £196 a week. Your Carer's Allowance would not change."));
        assertThat(g.method(PaymentMethod.LOWER_AMOUNT).assessment()).isEqualTo(MethodOption.Assessment.AVOIDS_HARM);
    }

    @Test
    void otherEarningsUseUpTheHeadroom() {
        Situation s = new Situation(java.util.List.of(Benefit.of(BenefitKind.CARERS_ALLOWANCE)),
                new OtherEarnings(pounds("180"), Period.WEEK), false);
        BenefitGuidance ca = Fixtures.ENGINE.preview(s, Plan.of(fee(MARCH_2026, "40.35", 3))).benefit(BenefitKind.CARERS_ALLOWANCE);
        assertThat(ca.cliffEdges()).singleElement().satisfies(c -> assertThat(c.roomBeforePayment()).isEqualTo(pounds("16")));
        assertThat(BigDecimal.valueOf(ca.headroom().getFirst().roomBeforeAnyPayment().pence())).isEqualByComparingTo("1600");
        assertThat(ca.notices()).extracting(Notice::text)
                .contains("Your other pay of £180 a week counts too. That leaves £16 a week.");
    }
}
