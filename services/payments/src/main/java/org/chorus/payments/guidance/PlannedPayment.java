package org.chorus.payments.guidance;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One payment planned for a date.
 *
 * @param amount the money, or for time credits the value of the time they stand for (never counted)
 * @param time   the paid time it is for, or {@link WorkHours#NONE} when not known (expenses)
 */
public record PlannedPayment(LocalDate date, PaymentKind kind, Money amount, WorkHours time) {

    /** The most one payment may be; more is almost surely a mistake in the amount. */
    public static final Money MOST_FOR_ONE_PAYMENT = Money.ofPounds(10_000);

    public PlannedPayment {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(time, "time");
        if (amount.isNegative() || amount.isMoreThan(MOST_FOR_ONE_PAYMENT)) {
            throw new IllegalArgumentException("A payment is £0 to £10,000: " + amount);
        }
        if (time.compareTo(WorkHours.WHOLE_WEEK) > 0) {
            throw new IllegalArgumentException("A payment is for at most a week of time");
        }
    }

    /** What counts as earnings: fees and vouchers; never expenses or time credits. */
    public Money earnings() {
        return kind.countsAsEarnings() ? amount : Money.ZERO;
    }
}
