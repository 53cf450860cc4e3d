package org.chorus.payments.guidance;

/** The ways a person can choose to be paid, or not. */
public enum PaymentMethod {
    BANK_TRANSFER,
    VOUCHERS,
    TIME_CREDITS,
    LOWER_AMOUNT,
    NO_PAYMENT,
    /** The payment given to a charity instead: a choice a person can record; the engine never suggests it. */
    DONATE
}
