package org.chorus.payments.guidance;

import java.util.Objects;

/** Pay from other work that a person chose to tell us about, per week or per calendar month. */
public record OtherEarnings(Money amount, Period period) {

    public static final OtherEarnings NONE = new OtherEarnings(Money.ZERO, Period.WEEK);

    public OtherEarnings {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(period, "period");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("Other earnings cannot be negative");
        }
    }

    /** As a weekly amount: a month is 12/52 of a year's weeks, to the nearest penny. */
    public Money perWeek() {
        return period == Period.WEEK ? amount : amount.scale(12, 52);
    }

    /** As a calendar-month amount: a week is 52/12 of a month, to the nearest penny. */
    public Money perMonth() {
        return period == Period.MONTH ? amount : amount.scale(52, 12);
    }

    public Money per(Period p) {
        return p == Period.WEEK ? perWeek() : perMonth();
    }
}
