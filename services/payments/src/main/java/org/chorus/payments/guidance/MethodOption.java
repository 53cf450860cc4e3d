package org.chorus.payments.guidance;

import java.util.List;

/** One way of being paid, and what it would do. */
public record MethodOption(PaymentMethod method, Assessment assessment, List<Notice> notices) {

    public enum Assessment {
        /** Should not change any benefit the person told us about. */
        AVOIDS_HARM,
        /** Lowers a benefit, but less than being paid in full. */
        LESS_HARM,
        /** Could lower or stop a benefit. */
        AFFECTS_BENEFITS,
        /** The sources disagree or we lack a rule: ask an adviser. */
        ASK_AN_ADVISER
    }

    public MethodOption {
        notices = List.copyOf(notices);
    }
}
