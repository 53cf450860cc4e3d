package org.chorus.payments.guidance;

/** What a planned payment is. Only fees and vouchers can count as pay. */
public enum PaymentKind {
    /** Money for time, paid by bank transfer. Counts as earnings. */
    FEE,
    /** Out-of-pocket costs paid back (travel, care, food). Never earnings. */
    EXPENSE,
    /** A voucher for time given. Whether it counts is disputed: the engine counts it, to be safe. */
    VOUCHER,
    /** Time credits (for example Tempo): no cash value, never earnings. */
    TIME_CREDIT;

    /** Whether the engine counts it as earnings (vouchers cautiously, see {@link #VOUCHER}). */
    public boolean countsAsEarnings() {
        return this == FEE || this == VOUCHER;
    }
}
