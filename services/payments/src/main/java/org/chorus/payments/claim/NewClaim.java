package org.chorus.payments.claim;

import java.time.LocalDate;
import java.util.UUID;
import org.chorus.payments.policy.PaymentPolicy.ExpenseKind;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.requests.RequestIds;

/**
 * A claim as sent, checked in full before anything is looked up.
 *
 * @param amountPence for an expense, the amount; null for time
 */
public record NewClaim(String commission, String member, Claim.Kind kind, String description, Integer minutes, LocalDate workDate,
                       ExpenseKind expenseKind, Long amountPence, UUID requestId) {

    public static final int MAX_MINUTES = 720;
    public static final int MAX_DESCRIPTION = 200;

    /** The command, or INVALID_ARGUMENT ({@code INVALID_CLAIM}) listing every problem. */
    public static NewClaim of(String commission, String member, Claim.Kind kind, String description, int minutes, LocalDate workDate,
                              ExpenseKind expenseKind, Long amountPence, String requestId, LocalDate today, Violations violations) {
        violations.check(kind != null, "claim.kind", "Say what is claimed: TIME or EXPENSE.");
        violations.checkText(description, "claim.description", "what the claim is for", 1, MAX_DESCRIPTION);
        if (kind == Claim.Kind.TIME) {
            violations.check(minutes >= 1 && minutes <= MAX_MINUTES, "claim.minutes", "Give the time in minutes: 1 to 720.");
            violations.check(amountPence == null, "claim.amount", "Time is paid at the policy's rate: leave the amount out.");
        }
        if (kind == Claim.Kind.EXPENSE) {
            violations.check(expenseKind != null, "claim.expense_kind", "Say which kind of cost it is.");
            violations.check(amountPence != null && amountPence > 0, "claim.amount", "Give the amount paid: more than £0.");
        }
        if (violations.check(workDate != null, "claim.work_date", "Give the day the time was given or the cost paid.")) {
            violations.check(!workDate.isAfter(today), "claim.work_date", "The day cannot be in the future.");
            violations.check(!workDate.isBefore(today.minusYears(1)), "claim.work_date", "Claims are made within a year.");
        }
        UUID id = RequestIds.requestId(requestId, violations);
        violations.check(requestId != null && !requestId.isBlank(), "request_id",
                "Send a request id (a UUID), so that a retry never makes the claim twice.");
        violations.throwIfAny("INVALID_CLAIM", "The claim needs changing: see each field.");
        return new NewClaim(commission, member, kind, description.strip(), kind == Claim.Kind.TIME ? minutes : null, workDate,
                kind == Claim.Kind.EXPENSE ? expenseKind : null, kind == Claim.Kind.EXPENSE ? amountPence : null, id);
    }
}
