package org.chorus.payments.claim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.chorus.payments.guidance.Money;
import org.chorus.payments.policy.PaymentPolicy.ExpenseKind;

/**
 * A claim for a member's time or costs.
 *
 * @param minutes         for time, the minutes given; null for an expense
 * @param hourlyRatePence for time, the rate it was made at; null for an expense
 * @param expenseKind     for an expense, which kind of cost; null for time
 * @param paymentMethod   how the member chose to be paid, from their latest choice; null while waiting for one
 * @param session         for time at a session, {@code commissions/{c}/sessions/{s}}: the claim made from their attendance
 * @param payment         how far it is paid
 * @param receipts        for an expense, its receipts (without their content)
 * @param cancellation    for a claim withdrawn or cancelled, why, in words the member reads; null otherwise
 * @param attendance      for a claim made from attendance, what the commissions feed said last; {@link AttendanceSeen#NONE}
 *                        otherwise (null is taken as that)
 */
public record Claim(UUID id, String commission, String member, Kind kind, String description, Integer minutes, LocalDate workDate,
                    ExpenseKind expenseKind, long amountPence, Long hourlyRatePence, int policyRevision, String paymentMethod,
                    State state, List<Approval> approvals, String rejectionReason, String createdBy, Instant createTime, long version,
                    String session, Payment payment, List<Receipt.Kept> receipts, String cancellation, AttendanceSeen attendance) {

    /** What is claimed. */
    public enum Kind {
        TIME, EXPENSE
    }

    /** Where a claim is on its way to being paid. */
    public enum State {
        SUBMITTED, APPROVED, PAID, WITHDRAWN, WAITING_FOR_A_CHOICE, REJECTED, REVERSED
    }

    /**
     * What the commissions feed last said about the attendance a claim was made from.
     *
     * @param minutes  the minutes attended that the claim's own minutes were worked out from (they add the preparation
     *                 time); kept when a correction withdraws or cancels the claim; null for a claim made before they were kept
     * @param sequence the feed's sequence of the last attendance event applied to the claim: an event at or before it
     *                 was applied already; null for a claim made before it was kept
     * @param toCheck  for finance, what a correction said after the claim was paid; null when there is nothing to check
     */
    public record AttendanceSeen(Integer minutes, Long sequence, String toCheck) {
        public static final AttendanceSeen NONE = new AttendanceSeen(null, null, null);

        /** Whether the feed's event at {@code eventSequence} was applied to the claim already. */
        public boolean applied(long eventSequence) {
            return sequence != null && eventSequence <= sequence;
        }
    }

    /** One approval. */
    public record Approval(String approver, Instant time) {
    }

    /**
     * How far an approved claim is paid.
     *
     * @param owedPence what its approval put into the member's owed account (0: nothing is paid in money); null before
     * @param paidPence what has been paid of that so far
     * @param paidOn    the day it was paid in full (or given as time credits, or donated); null before
     * @param failure   why the last payment did not go through, in words the member can read; null when none failed
     */
    public record Payment(Long owedPence, long paidPence, LocalDate paidOn, String failure) {
        public static final Payment NONE = new Payment(null, 0, null, null);

        /** What is still to be paid. */
        public long leftPence() {
            return owedPence == null ? 0 : owedPence - paidPence;
        }
    }

    /** What a member reads on a claim whose attendance was corrected after the money was sent. */
    static final String CHANGED_AFTER_PAYMENT = "The attendance for this session was changed after this was paid. "
            + "The finance team will look at it, and nothing is taken back without talking to you first.";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    public Claim {
        approvals = List.copyOf(approvals);
        receipts = List.copyOf(receipts);
        attendance = attendance == null ? AttendanceSeen.NONE : attendance;
    }

    /** The same claim, in the same change (the same version), in {@code state} and paid as far as {@code payment} says. */
    public Claim settled(State state, Payment payment) {
        return new Claim(id, commission, member, kind, description, minutes, workDate, expenseKind, amountPence, hourlyRatePence,
                policyRevision, paymentMethod, state, approvals, rejectionReason, createdBy, createTime, version, session, payment,
                receipts, cancellation, attendance);
    }

    /** The same claim in {@code state}, one version on. */
    public Claim next(State state, String method, String reason, List<Approval> approvals, Payment payment) {
        return new Claim(id, commission, member, kind, description, minutes, workDate, expenseKind, amountPence, hourlyRatePence,
                policyRevision, method, state, approvals, reason, createdBy, createTime, version + 1, session, payment, receipts,
                cancellation, attendance);
    }

    /** The same claim, which waited for the member's payment choice, submitted with {@code method}, one version on. */
    public Claim chosen(String method) {
        if (state != State.WAITING_FOR_A_CHOICE) {
            throw new IllegalStateException("A claim " + state + " does not wait for a payment choice");
        }
        return next(State.SUBMITTED, method, rejectionReason, approvals, payment);
    }

    /** The same claim withdrawn or cancelled ({@code state}) for {@code why}, in words the member reads, one version on. */
    public Claim cancelled(State state, String why, AttendanceSeen seen) {
        if (state != State.WITHDRAWN && state != State.REVERSED) {
            throw new IllegalArgumentException(state + " is not a cancellation");
        }
        return new Claim(id, commission, member, kind, description, minutes, workDate, expenseKind, amountPence, hourlyRatePence,
                policyRevision, paymentMethod, state, approvals, rejectionReason, createdBy, createTime, version + 1, session, payment,
                receipts, why, seen);
    }

    /**
     * The same claim, not yet approved, for {@code paidMinutes} of time and {@code pence}, as corrected attendance says, one
     * version on, with no approval: any it had was for the old amount.
     */
    public Claim repriced(int paidMinutes, long pence, AttendanceSeen seen) {
        return new Claim(id, commission, member, kind, description, paidMinutes, workDate, expenseKind, pence, hourlyRatePence,
                policyRevision, paymentMethod, state, List.of(), rejectionReason, createdBy, createTime, version + 1, session, payment,
                receipts, cancellation, seen);
    }

    /**
     * The same claim, withdrawn before, open again in {@code state} for {@code paidMinutes} and {@code pence}, one version
     * on, with no approval.
     */
    public Claim reopened(State state, String method, int paidMinutes, long pence, AttendanceSeen seen) {
        return new Claim(id, commission, member, kind, description, paidMinutes, workDate, expenseKind, pence, hourlyRatePence,
                policyRevision, method, state, List.of(), rejectionReason, createdBy, createTime, version + 1, session, payment,
                receipts, null, seen);
    }

    /** The same claim, with what the feed said last about its attendance, one version on. */
    public Claim seen(AttendanceSeen seen) {
        return new Claim(id, commission, member, kind, description, minutes, workDate, expenseKind, amountPence, hourlyRatePence,
                policyRevision, paymentMethod, state, approvals, rejectionReason, createdBy, createTime, version + 1, session, payment,
                receipts, cancellation, seen);
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
        String where = switch (state) {
            case WAITING_FOR_A_CHOICE -> "Waiting for you to say how you want to be paid.";
            case SUBMITTED -> approvals.isEmpty() ? "Waiting for two people to approve it." : "Waiting for a second approval.";
            case APPROVED -> approvedReason();
            case PAID -> switch (paymentMethod) {
                case "TIME_CREDITS" -> kind == Kind.TIME ? "Given as time credits on " + DAY.format(payment.paidOn()) + "."
                        : "Paid on " + DAY.format(payment.paidOn()) + " by bank transfer.";
                case "DONATE" -> "Given to the commission on " + DAY.format(payment.paidOn()) + ", as you chose.";
                case "VOUCHERS" -> "Paid on " + DAY.format(payment.paidOn()) + " in vouchers.";
                default -> "Paid on " + DAY.format(payment.paidOn()) + " by bank transfer.";
            };
            case WITHDRAWN -> cancellation == null ? "Withdrawn." : "Withdrawn: " + cancellation;
            case REJECTED -> "Not approved: " + rejectionReason;
            case REVERSED -> "This payment was cancelled: " + cancellation;
        };
        return attendance.toCheck() == null ? where : where + " " + CHANGED_AFTER_PAYMENT;
    }

    private String approvedReason() {
        if ("NO_PAYMENT".equals(paymentMethod) || Long.valueOf(0).equals(payment.owedPence())) {
            return "Approved. You chose not to be paid for this.";
        }
        if (payment.failure() != null) {
            return "Approved, but the last payment did not go through: " + payment.failure() + " It will be paid again.";
        }
        if (payment.paidPence() > 0) {
            return Money.ofPence(payment.paidPence()) + " of it is paid; " + Money.ofPence(payment.leftPence()) + " is still to be paid.";
        }
        return "Approved, and waiting to be paid.";
    }

    /** The time's pay at {@code ratePence} an hour, to the nearest penny (halves up). */
    public static long pay(int minutes, long ratePence) {
        return (minutes * ratePence + 30) / 60;
    }
}
