package org.chorus.payments.guidance;

import java.time.LocalDate;

/**
 * A planned payment that would cross a limit where a little more loses a lot: found before the
 * payment is made, so it can be changed.
 *
 * @param weekStart          the Monday of the week it happens in
 * @param crossingPayment    the first payment in that week that takes it over
 * @param roomBeforePayment  how much that payment could have been and stayed under
 */
public record CliffEdge(BenefitKind benefit, Cause cause, LocalDate weekStart, Figure<Money> limit, Money weekTotal,
                        WorkHours weekTime, PlannedPayment crossingPayment, Money roomBeforePayment) {

    public enum Cause {
        /** Pay over a weekly limit. */
        OVER_MONEY_LIMIT,
        /** Too many hours for the limit the pay needs (ESA's 16-hour rule). */
        OVER_HOURS_LIMIT
    }
}
