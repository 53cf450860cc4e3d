package org.chorus.payments.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.chorus.payments.guidance.BenefitRules;
import org.chorus.payments.guidance.Figure;
import org.chorus.payments.guidance.Money;

/**
 * One revision of a commission's payment policy: how time is paid, which costs are covered, the
 * budget. A revision applies from its effective date until a later-dated one does.
 *
 * @param customRatePence the hourly rate in pence with {@link RateBasis#CUSTOM}, null otherwise
 * @param coveredExpenses each kind of cost covered, with its limit per claim in pence
 * @param budgetPence     null when no budget was set
 * @param createTime      null for the policy every commission starts with (revision 0)
 */
public record PaymentPolicy(int revision, LocalDate effectiveDate, RateBasis rateBasis, Long customRatePence, int preparationMinutes,
                            boolean travelTimePaid, Map<ExpenseKind, Long> coveredExpenses, Long budgetPence, Instant createTime,
                            String createdBy) {

    public static final int MAX_PREPARATION_MINUTES = 240;
    public static final long MAX_RATE_PENCE = 20_000;
    public static final long MAX_EXPENSE_PENCE = 100_000;
    public static final long MAX_BUDGET_PENCE = 1_000_000_000;

    /** Where the hourly rate comes from. */
    public enum RateBasis {
        REAL_LIVING_WAGE, REAL_LIVING_WAGE_LONDON, CUSTOM
    }

    /** A kind of cost a commission pays back. */
    public enum ExpenseKind {
        TRAVEL, CHILDCARE, CARE, MEALS, PHONE_AND_DATA
    }

    /** The hourly rate on a day, and where it comes from. */
    public record Rate(long pence, String source) {
    }

    public PaymentPolicy {
        coveredExpenses = Map.copyOf(coveredExpenses);
    }

    /** What every commission starts with: the real Living Wage for session time, no costs covered, no budget. */
    public static PaymentPolicy initial() {
        return new PaymentPolicy(0, LocalDate.EPOCH, RateBasis.REAL_LIVING_WAGE, null, 0, false, Map.of(), null, null, "");
    }

    /** The hourly rate on {@code day}, from the rules in force that day unless the commission set its own. */
    public Rate hourlyRate(BenefitRules rulesThatDay) {
        if (rateBasis == RateBasis.CUSTOM) {
            return new Rate(customRatePence, "Set by the commission.");
        }
        Figure<Money> wage = rulesThatDay.livingWage(rateBasis == RateBasis.REAL_LIVING_WAGE_LONDON);
        return new Rate(wage.value().pence(), wage.source() + " (" + wage.status().name().toLowerCase(Locale.ROOT) + ")");
    }

    /** A checksum of the revision, for optimistic concurrency. */
    public String etag() {
        return "\"" + revision + "\"";
    }
}
