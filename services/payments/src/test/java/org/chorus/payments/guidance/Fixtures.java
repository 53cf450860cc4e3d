package org.chorus.payments.guidance;

import java.time.LocalDate;
import java.util.List;
import org.chorus.payments.guidance.GuidanceRequest.BenefitDraft;
import org.chorus.payments.guidance.GuidanceRequest.PaymentDraft;
import org.chorus.payments.guidance.GuidanceRequest.PatternDraft;
import org.chorus.payments.guidance.GuidanceRequest.PlanDraft;
import org.chorus.payments.guidance.GuidanceRequest.SituationDraft;

/** Test data: the shipped rules, an engine over them, and short ways to say situations and plans. */
final class Fixtures {

    static final RulesBook RULES = RulesBook.fromClasspath();
    static final GuidanceEngine ENGINE = new GuidanceEngine(RULES);

    /** A Tuesday in March 2026 (tax year 2025/26), in a month and week with nothing else. */
    static final LocalDate MARCH_2026 = LocalDate.of(2026, 3, 10);
    /** A Tuesday in June 2026 (tax year 2026/27). */
    static final LocalDate JUNE_2026 = LocalDate.of(2026, 6, 9);

    private Fixtures() {
    }

    static Money pounds(String amount) {
        return Money.parse(amount);
    }

    static PlannedPayment fee(LocalDate date, String amount, int hours) {
        return new PlannedPayment(date, PaymentKind.FEE, pounds(amount), WorkHours.ofHours(hours));
    }

    static PlannedPayment fee(LocalDate date, String amount) {
        return new PlannedPayment(date, PaymentKind.FEE, pounds(amount), WorkHours.NONE);
    }

    static PlannedPayment payment(LocalDate date, PaymentKind kind, String amount) {
        return new PlannedPayment(date, kind, pounds(amount), WorkHours.NONE);
    }

    static Situation receiving(Benefit... benefits) {
        return new Situation(List.of(benefits), OtherEarnings.NONE, false);
    }

    static Guidance guide(Situation situation, PlannedPayment... payments) {
        return ENGINE.preview(situation, Plan.of(payments));
    }

    static SituationDraft situationDraft(BenefitDraft... benefits) {
        return new SituationDraft(List.of(benefits), 0, null, false);
    }

    static PlanDraft oneFee(LocalDate date, long pence) {
        return new PlanDraft(List.of(new PaymentDraft(date, "FEE", pence, 180)), List.of());
    }

    static PlanDraft pattern(PatternDraft pattern) {
        return new PlanDraft(List.of(), List.of(pattern));
    }
}
