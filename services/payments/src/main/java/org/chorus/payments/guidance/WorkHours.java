package org.chorus.payments.guidance;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A length of paid time in whole minutes, so that hours are exact without decimals. */
public record WorkHours(int minutes) implements Comparable<WorkHours> {

    public static final WorkHours NONE = new WorkHours(0);
    /** Every minute of a week: nobody can be paid for more than this in one week. */
    public static final WorkHours WHOLE_WEEK = new WorkHours(7 * 24 * 60);

    public WorkHours {
        if (minutes < 0) {
            throw new IllegalArgumentException("Time cannot be negative: " + minutes + " minutes");
        }
    }

    public static WorkHours ofMinutes(int minutes) {
        return new WorkHours(minutes);
    }

    public static WorkHours ofHours(int hours) {
        return new WorkHours(Math.multiplyExact(hours, 60));
    }

    public WorkHours plus(WorkHours other) {
        return new WorkHours(Math.addExact(minutes, other.minutes));
    }

    public boolean isZero() {
        return minutes == 0;
    }

    /** The hours to one decimal place, rounded down, so a limit shown this way is never crossed. */
    public BigDecimal hoursRoundedDown() {
        return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 1, RoundingMode.DOWN);
    }

    @Override
    public int compareTo(WorkHours other) {
        return Integer.compare(minutes, other.minutes);
    }

    /** As people say it: {@code 1 hour}, {@code 3 hours}, {@code 14.5 hours}. */
    @Override
    public String toString() {
        BigDecimal hours = hoursRoundedDown().stripTrailingZeros();
        String number = hours.scale() <= 0 ? hours.toBigInteger().toString() : hours.toPlainString();
        return number + (number.equals("1") ? " hour" : " hours");
    }
}
