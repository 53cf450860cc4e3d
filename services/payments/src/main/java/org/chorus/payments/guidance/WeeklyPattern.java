package org.chorus.payments.guidance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The same paid time every week, for example 3 hours a week at £13.45 for 12 weeks.
 *
 * @param firstDate the date of the first week's payment; the others follow every 7 days
 */
public record WeeklyPattern(LocalDate firstDate, int weeks, WorkHours perWeek, HourlyRate rate, PaymentKind kind) {

    public static final int MOST_WEEKS = 52;

    public WeeklyPattern {
        Objects.requireNonNull(firstDate, "firstDate");
        Objects.requireNonNull(perWeek, "perWeek");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(kind, "kind");
        if (weeks < 1 || weeks > MOST_WEEKS) {
            throw new IllegalArgumentException("A pattern runs 1 to 52 weeks");
        }
        if (perWeek.isZero() || perWeek.compareTo(WorkHours.WHOLE_WEEK) > 0) {
            throw new IllegalArgumentException("A pattern has some time, and no more than a week holds");
        }
    }

    public Money feePerWeek() {
        return rate.feeFor(perWeek);
    }

    public LocalDate lastDate() {
        return firstDate.plusWeeks(weeks - 1L);
    }

    /** One payment for each week. */
    public List<PlannedPayment> payments() {
        List<PlannedPayment> all = new ArrayList<>(weeks);
        for (int w = 0; w < weeks; w++) {
            all.add(new PlannedPayment(firstDate.plusWeeks(w), kind, feePerWeek(), perWeek));
        }
        return all;
    }
}
