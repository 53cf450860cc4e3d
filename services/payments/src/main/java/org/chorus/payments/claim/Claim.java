package org.chorus.payments.claim;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.chorus.payments.policy.PaymentPolicy.ExpenseKind;

/**
 * A claim for a member's time or costs.
 *
 * @param minutes         for time, the minutes given; null for an expense
 * @param hourlyRatePence for time, the rate it was made at; null for an expense
 * @param expenseKind     for an expense, which kind of cost; null for time
 * @param paymentMethod   how the member chose to be paid, from their latest choice; null while waiting for one
 * @param session         for time at a session, {@code commissions/{c}/sessions/{s}}: the claim made from their attendance
 */
public record Claim(UUID id, String commission, String member, Kind kind, String description, Integer minutes, LocalDate workDate,
                    ExpenseKind expenseKind, long amountPence, Long hourlyRatePence, int policyRevision, String paymentMethod,
                    State state, List<Approval> approvals, String rejectionReason, String createdBy, Instant createTime, long version,
                    String session) {

    /** What is claimed. */
    public enum Kind {
        TIME, EXPENSE
    }

    /** Where a claim is on its way to being paid. */
    public enum State {
        SUBMITTED, APPROVED, PAID, WITHDRAWN, WAITING_FOR_A_CHOICE, REJECTED
    }

    /** One approval. */
    public record Approval(String approver, Instant time) {
    }

    public Claim {
        approvals = List.copyOf(approvals);
    }

    public String resourceName() {
        return "commissions/" + commission + "/claims/" + id;
    }

    public String memberName() {
        return "commissions/" + commission + "/members/" + member;
    }

    public String etag() {
        return "\"" + version + "\"";
    }

    /** Where the claim is, in plain words for the member. */
    public String stateReason() {
        return switch (state) {
            case WAITING_FOR_A_CHOICE -> "Waiting for you to say how you want to be paid.";
            case SUBMITTED -> approvals.isEmpty() ? "Waiting for two people to approve it." : "Waiting for a second approval.";
            case APPROVED -> "NO_PAYMENT".equals(paymentMethod) ? "Approved. You chose not to be paid for this."
                    : "Approved, and waiting to be paid.";
            case PAID -> "Paid.";
            case WITHDRAWN -> "Withdrawn.";
            case REJECTED -> "Not approved: " + rejectionReason;
        };
    }

    /** The time's pay at {@code ratePence} an hour, to the nearest penny (halves up). */
    public static long pay(int minutes, long ratePence) {
        return (minutes * ratePence + 30) / 60;
    }
}
