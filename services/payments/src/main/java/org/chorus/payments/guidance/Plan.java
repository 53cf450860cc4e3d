package org.chorus.payments.guidance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The payments planned for a person: single dated payments and weekly patterns. */
public record Plan(List<PlannedPayment> payments, List<WeeklyPattern> patterns) {

    public Plan {
        payments = List.copyOf(payments);
        patterns = List.copyOf(patterns);
    }

    public static Plan of(PlannedPayment... payments) {
        return new Plan(List.of(payments), List.of());
    }

    public static Plan of(WeeklyPattern pattern) {
        return new Plan(List.of(), List.of(pattern));
    }

    /** Every payment, patterns spelled out week by week, in date order. */
    public List<PlannedPayment> allPayments() {
        List<PlannedPayment> all = new ArrayList<>(payments);
        patterns.forEach(p -> all.addAll(p.payments()));
        all.sort(Comparator.comparing(PlannedPayment::date));
        return all;
    }
}
