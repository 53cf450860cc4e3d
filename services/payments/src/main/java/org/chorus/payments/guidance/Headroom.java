package org.chorus.payments.guidance;

import java.time.LocalDate;

/**
 * How far a person is from one limit of one benefit, in its own period.
 *
 * @param limitName          the limit in plain words, for example "work allowance"
 * @param limit              the limit, with its source and status
 * @param otherEarnings      other pay the person told us about, in the same period
 * @param busiestPeriodStart the first day of the period in the plan with the most pay
 * @param busiestTotal       all counted pay in that period, other pay included
 * @param left               limit − busiestTotal; negative when the plan goes over
 * @param timeWithinLimit    the paid time at {@code rate} that fits under the limit, on top of other pay
 */
public record Headroom(BenefitKind benefit, String limitName, Period period, Figure<Money> limit, Money otherEarnings,
                       LocalDate busiestPeriodStart, Money busiestTotal, Money left, WorkHours timeWithinLimit,
                       HourlyRate rate) {

    /** What may still be earned in a period before this limit, with no Chorus payment: the limit less other pay. */
    public Money roomBeforeAnyPayment() {
        return limit.require().minus(otherEarnings).atLeastZero();
    }
}
