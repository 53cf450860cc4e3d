package org.chorus.payments.guidance;

/**
 * Which weekly earnings disregard applies for a legacy means-tested benefit or Housing Benefit:
 * £5 single, £10 couple, £20 higher (a disability or carer premium, or a lone parent), and for
 * Housing Benefit £25 for a lone parent. The figures are in the rules files.
 */
public enum Premium {
    SINGLE,
    COUPLE,
    /** A disability or carer premium. */
    HIGHER,
    /** The higher disregard for legacy benefits; its own (£25) for Housing Benefit. */
    LONE_PARENT
}
