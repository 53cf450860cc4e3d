package org.chorus.payments.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.payments.guidance.Fixtures.ENGINE;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties over many generated situations and plans (plain loops with a fixed seed, so a
 * failure repeats): what must hold whatever the numbers.
 */
class GuidancePropertiesTest {

    private static final int RUNS = 400;
    private static final LocalDate FIRST = LocalDate.of(2025, 4, 6);
    private static final int DAYS = 2 * 365 - 1;

    @Test
    void expensesNeverChangeEarningsOrAnyBenefit() {
        Random random = new Random(1);
        for (int run = 0; run < RUNS; run++) {
            Situation situation = situation(random);
            List<PlannedPayment> fees = fees(random);
            List<PlannedPayment> withExpenses = new ArrayList<>(fees);
            for (PlannedPayment f : fees) {
                withExpenses.add(new PlannedPayment(f.date(), PaymentKind.EXPENSE, Money.ofPence(1 + random.nextInt(500_000)), WorkHours.NONE));
            }
            Guidance without = ENGINE.preview(situation, new Plan(fees, List.of()));
            Guidance with = ENGINE.preview(situation, new Plan(withExpenses, List.of()));
            assertThat(with.totals().countedAsEarnings()).isEqualTo(without.totals().countedAsEarnings());
            assertThat(effects(with)).as("run %d: %s", run, situation).isEqualTo(effects(without));
        }
    }

    @Test
    void timeCreditsNeverChangeAMeansTestedBenefit() {
        Random random = new Random(2);
        for (int run = 0; run < RUNS; run++) {
            Situation situation = situation(random);
            List<PlannedPayment> fees = fees(random);
            List<PlannedPayment> withCredits = new ArrayList<>(fees);
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                withCredits.add(new PlannedPayment(date(random), PaymentKind.TIME_CREDIT, Money.ofPence(random.nextInt(1_000_000)),
                        WorkHours.ofMinutes(random.nextInt(WorkHours.WHOLE_WEEK.minutes()))));
            }
            Guidance without = ENGINE.preview(situation, new Plan(fees, List.of()));
            Guidance with = ENGINE.preview(situation, new Plan(withCredits, List.of()));
            assertThat(effects(with)).as("run %d: %s", run, situation).isEqualTo(effects(without));
        }
    }

    @Test
    void morePayNeverShowsLessEffect() {
        Random random = new Random(3);
        for (int run = 0; run < RUNS; run++) {
            Situation situation = situation(random);
            List<PlannedPayment> fees = fees(random);
            int which = random.nextInt(fees.size());
            PlannedPayment base = fees.get(which);
            List<PlannedPayment> more = new ArrayList<>(fees);
            more.set(which, new PlannedPayment(base.date(), base.kind(),
                    base.amount().plus(Money.ofPence(1 + random.nextInt(20_000))).min(PlannedPayment.MOST_FOR_ONE_PAYMENT), base.time()));
            Guidance less = ENGINE.preview(situation, new Plan(fees, List.of()));
            Guidance most = ENGINE.preview(situation, new Plan(more, List.of()));
            for (BenefitGuidance l : less.benefits()) {
                BenefitGuidance m = most.benefit(l.benefit());
                assertThat(m.estimatedReduction()).as("run %d %s", run, l.benefit()).isGreaterThanOrEqualTo(l.estimatedReduction());
                assertThat(m.cliffEdges().size()).as("run %d %s", run, l.benefit()).isGreaterThanOrEqualTo(l.cliffEdges().size());
                assertThat(rank(m.effect())).as("run %d %s", run, l.benefit()).isGreaterThanOrEqualTo(rank(l.effect()));
            }
        }
    }

    /** How bad an effect is, for comparing: no change < unknown or goes down < could stop. */
    private static int rank(BenefitGuidance.Effect effect) {
        return switch (effect) {
            case NO_CHANGE, NOT_MEANS_TESTED -> 0;
            case GOES_DOWN, UNKNOWN -> 1;
            case COULD_STOP -> 2;
        };
    }

    /** What a plan does to each benefit, without the wording. */
    private static List<String> effects(Guidance g) {
        return g.benefits().stream().map(b -> b.benefit() + " " + b.effect() + " " + b.estimatedReduction()
                + " cliffs=" + b.cliffEdges().size()
                + " busiest=" + b.headroom().stream().map(h -> h.busiestTotal().toString()).toList()).toList();
    }

    private static Situation situation(Random random) {
        List<Benefit> benefits = new ArrayList<>();
        if (random.nextBoolean()) {
            boolean child = random.nextBoolean();
            boolean lcw = random.nextInt(4) == 0;
            benefits.add(new Benefit(BenefitKind.UNIVERSAL_CREDIT, null, random.nextBoolean(),
                    (child || lcw) && random.nextInt(5) > 0, child, lcw));
        } else if (random.nextBoolean()) {
            BenefitKind legacy = List.of(BenefitKind.INCOME_SUPPORT, BenefitKind.INCOME_BASED_JSA, BenefitKind.INCOME_RELATED_ESA)
                    .get(random.nextInt(3));
            benefits.add(Benefit.legacy(legacy, Premium.values()[random.nextInt(Premium.values().length)]));
        }
        for (BenefitKind kind : List.of(BenefitKind.CARERS_ALLOWANCE, BenefitKind.NEW_STYLE_ESA, BenefitKind.PIP,
                BenefitKind.PENSION_CREDIT)) {
            if (random.nextInt(3) == 0) {
                benefits.add(Benefit.of(kind));
            }
        }
        if (random.nextInt(3) == 0) {
            benefits.add(Benefit.legacy(BenefitKind.HOUSING_BENEFIT, Premium.values()[random.nextInt(Premium.values().length)]));
        }
        OtherEarnings other = random.nextBoolean() ? OtherEarnings.NONE
                : new OtherEarnings(Money.ofPence(random.nextInt(80_000)), random.nextBoolean() ? Period.WEEK : Period.MONTH);
        return new Situation(benefits, other, random.nextBoolean());
    }

    private static List<PlannedPayment> fees(Random random) {
        List<PlannedPayment> fees = new ArrayList<>();
        LocalDate around = date(random);
        for (int i = 0; i < 1 + random.nextInt(6); i++) {
            LocalDate date = around.plusDays(random.nextInt(40));
            if (!date.isBefore(FIRST.plusYears(2))) {
                date = around;
            }
            PaymentKind kind = random.nextInt(4) == 0 ? PaymentKind.VOUCHER : PaymentKind.FEE;
            fees.add(new PlannedPayment(date, kind, Money.ofPence(1 + random.nextInt(40_000)), WorkHours.ofMinutes(random.nextInt(20 * 60))));
        }
        return fees;
    }

    private static LocalDate date(Random random) {
        return FIRST.plusDays(random.nextInt(DAYS));
    }
}
