package org.chorus.payments.guidance;

import static org.chorus.payments.guidance.Fixtures.ENGINE;
import static org.chorus.payments.guidance.Fixtures.MARCH_2026;

import java.util.List;

/** Prints the guidance three members would read; run by hand to see the words in full. */
final class ThreeMembersExample {

    public static void main(String[] args) {
        HourlyRate livingWage = new HourlyRate(Money.parse("13.45"));
        Plan weekly = Plan.of(new WeeklyPattern(MARCH_2026.minusWeeks(1), 4, WorkHours.ofHours(3), livingWage, PaymentKind.FEE));
        System.out.println("=== A parent on Universal Credit with housing costs, earning £380 a month elsewhere, 3 hours a week for 4 weeks ===");
        System.out.println(ENGINE.preview(new Situation(List.of(Benefit.universalCredit(true, true, false)),
                new OtherEarnings(Money.parse("380"), Period.MONTH), false), weekly).asText());
        System.out.println("=== A carer who also earns £170 a week elsewhere, the same plan plus £12.50 travel ===");
        Plan carerPlan = new Plan(List.of(new PlannedPayment(MARCH_2026, PaymentKind.EXPENSE, Money.parse("12.50"), WorkHours.NONE)),
                weekly.patterns());
        System.out.println(ENGINE.preview(new Situation(List.of(Benefit.of(BenefitKind.CARERS_ALLOWANCE)),
                new OtherEarnings(Money.parse("170"), Period.WEEK), false), carerPlan).asText());
        System.out.println("=== A person on new style ESA and PIP, one 6-hour day in June 2026 ===");
        System.out.println(ENGINE.preview(new Situation(List.of(Benefit.of(BenefitKind.NEW_STYLE_ESA), Benefit.of(BenefitKind.PIP)),
                OtherEarnings.NONE, false), Plan.of(new PlannedPayment(Fixtures.JUNE_2026, PaymentKind.FEE,
                livingWage.feeFor(WorkHours.ofHours(6)), WorkHours.ofHours(6)))).asText());
    }
}
