package org.chorus.console.pages;

import com.google.protobuf.FieldMask;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.chorus.console.text.Dates;
import org.chorus.console.text.Pounds;
import org.chorus.payments.v1.PaymentPolicy;
import org.chorus.payments.v1.PaymentPolicy.ExpenseKind;
import org.chorus.payments.v1.PaymentPolicy.RateBasis;
import org.springframework.util.MultiValueMap;

/**
 * The change-the-payment-policy form as typed: the day it applies from, where the hourly rate comes from (and the
 * commission's own rate), paid preparation and travel time, the limit for each kind of cost covered (empty: not
 * covered), and the budget (empty: none). Every field is sent, so the new revision is exactly what the form shows.
 */
public record PolicyForm(String day, String month, String year, String rateBasis, String hourlyRate, String preparationMinutes,
                         String travelTimePaid, Map<String, String> limits, String budget, String etag) {

    /** The kinds of cost a policy can cover, in the contract's order. */
    public static final List<String> EXPENSE_KINDS = List.of("TRAVEL", "CHILDCARE", "CARE", "MEALS", "PHONE_AND_DATA");
    /** The ways to set the hourly rate the form offers. */
    public static final List<String> RATE_BASES = List.of("REAL_LIVING_WAGE", "REAL_LIVING_WAGE_LONDON", "CUSTOM");
    /** The contract's fields a revision changes, all of them (UpdatePaymentPolicyRequest.update_mask). */
    static final List<String> EVERY_FIELD = List.of("effective_date", "rate_basis", "hourly_rate", "preparation_minutes",
            "travel_time_paid", "covered_expenses", "budget");
    static final int MOST_PREPARATION_MINUTES = 240;

    /** The form filled from the latest revision, to apply from {@code today}. */
    static PolicyForm of(PaymentPolicy latest, LocalDate today) {
        Map<String, String> limits = new LinkedHashMap<>();
        EXPENSE_KINDS.forEach(kind -> limits.put(kind, ""));
        latest.getCoveredExpensesList().forEach(covered ->
                limits.put(covered.getKind().name(), Pounds.typed(Pounds.pence(covered.getLimitPerClaim()))));
        String basis = RATE_BASES.contains(latest.getRateBasis().name()) ? latest.getRateBasis().name() : "REAL_LIVING_WAGE";
        return new PolicyForm(Integer.toString(today.getDayOfMonth()), Integer.toString(today.getMonthValue()),
                Integer.toString(today.getYear()), basis,
                latest.getRateBasis() == RateBasis.CUSTOM && latest.hasHourlyRate() ? Pounds.typed(Pounds.pence(latest.getHourlyRate())) : "",
                Integer.toString(latest.getPreparationMinutes()), latest.getTravelTimePaid() ? "yes" : "no", limits,
                latest.hasBudget() ? Pounds.typed(Pounds.pence(latest.getBudget())) : "", latest.getEtag());
    }

    /** The form as sent: {@code limit-TRAVEL} and so on for the limits. */
    static PolicyForm from(MultiValueMap<String, String> form) {
        Map<String, String> limits = new LinkedHashMap<>();
        EXPENSE_KINDS.forEach(kind -> limits.put(kind, orEmpty(form.getFirst("limit-" + kind))));
        return new PolicyForm(orEmpty(form.getFirst("day")), orEmpty(form.getFirst("month")), orEmpty(form.getFirst("year")),
                orEmpty(form.getFirst("rateBasis")), orEmpty(form.getFirst("hourlyRate")), orEmpty(form.getFirst("preparationMinutes")),
                orEmpty(form.getFirst("travelTimePaid")), limits, orEmpty(form.getFirst("budget")), orEmpty(form.getFirst("etag")));
    }

    /**
     * What is wrong, as form field and message key: each problem once, in the order of the form. The platform checks
     * again what only it knows (the Living Wage on the day, a day in the past by its clock).
     */
    void check(BiConsumer<String, String> problem) {
        if (Dates.typedDay(day, month, year).isEmpty()) {
            problem.accept("day", "budget.change.day.invalid");
        }
        if (!RATE_BASES.contains(rateBasis)) {
            problem.accept("rateBasis", "budget.change.rateBasis.missing");
        } else if ("CUSTOM".equals(rateBasis) && Pounds.parse(hourlyRate).filter(p -> p > 0).isEmpty()) {
            problem.accept("hourlyRate", "budget.change.hourlyRate.invalid");
        }
        if (minutes().isEmpty()) {
            problem.accept("preparationMinutes", "budget.change.preparation.invalid");
        }
        if (!"yes".equals(travelTimePaid) && !"no".equals(travelTimePaid)) {
            problem.accept("travelTimePaid", "budget.change.travelTime.missing");
        }
        for (String kind : EXPENSE_KINDS) {
            String limit = limits.getOrDefault(kind, "");
            if (!limit.isBlank() && Pounds.parse(limit).filter(p -> p > 0).isEmpty()) {
                problem.accept("limit-" + kind, "budget.change.limit.invalid");
            }
        }
        if (!budget.isBlank() && Pounds.parse(budget).isEmpty()) {
            problem.accept("budget", "budget.change.budget.invalid");
        }
    }

    /** The new revision for a form that {@link #check} found nothing wrong with. */
    PaymentPolicy revision(String commissionId) {
        LocalDate from = Dates.typedDay(day, month, year).orElseThrow();
        PaymentPolicy.Builder policy = PaymentPolicy.newBuilder()
                .setName(Names.commission(commissionId) + "/paymentPolicy")
                .setEffectiveDate(com.google.type.Date.newBuilder().setYear(from.getYear()).setMonth(from.getMonthValue())
                        .setDay(from.getDayOfMonth()))
                .setRateBasis(RateBasis.valueOf(rateBasis))
                .setPreparationMinutes(minutes().orElseThrow())
                .setTravelTimePaid("yes".equals(travelTimePaid))
                .setEtag(etag);
        if ("CUSTOM".equals(rateBasis)) {
            policy.setHourlyRate(Pounds.money(Pounds.parse(hourlyRate).orElseThrow()));
        }
        for (String kind : EXPENSE_KINDS) {
            Pounds.parse(limits.getOrDefault(kind, "")).ifPresent(limit -> policy.addCoveredExpenses(
                    PaymentPolicy.CoveredExpense.newBuilder().setKind(ExpenseKind.valueOf(kind)).setLimitPerClaim(Pounds.money(limit))));
        }
        Pounds.parse(budget).ifPresent(pence -> policy.setBudget(Pounds.money(pence)));
        return policy.build();
    }

    /** Every field: an empty limit or budget then means "none", not "as before". */
    static FieldMask everyField() {
        return FieldMask.newBuilder().addAllPaths(EVERY_FIELD).build();
    }

    private Optional<Integer> minutes() {
        try {
            int minutes = Integer.parseInt(preparationMinutes.strip());
            return minutes >= 0 && minutes <= MOST_PREPARATION_MINUTES ? Optional.of(minutes) : Optional.empty();
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    public String limit(String kind) {
        return limits.getOrDefault(kind, "");
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
