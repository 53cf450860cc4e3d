package org.chorus.payments.guidance;

/** The period a benefit limit is measured over. */
public enum Period {
    /** Monday to Sunday: an assumption, since a person's benefit week may start on another day. */
    WEEK,
    /** The calendar month: an assumption standing in for the Universal Credit assessment period. */
    MONTH
}
