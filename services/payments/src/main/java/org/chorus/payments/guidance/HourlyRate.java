package org.chorus.payments.guidance;

/** Pay for one hour of time, for example the real Living Wage of £13.45. */
public record HourlyRate(Money perHour) {

    public HourlyRate {
        if (perHour == null || !perHour.isPositive()) {
            throw new IllegalArgumentException("An hourly rate is more than zero: " + perHour);
        }
    }

    /** The fee for this much time, to the nearest penny: 3 hours at £13.45 is £40.35. */
    public Money feeFor(WorkHours time) {
        return perHour.scale(time.minutes(), 60);
    }

    /**
     * The most whole minutes of paid time whose fee stays within {@code amount}. Rounded down, so
     * the time shown never pays more than the amount.
     */
    public WorkHours timeWithin(Money amount) {
        if (!amount.isPositive()) {
            return WorkHours.NONE;
        }
        long minutes = Math.multiplyExact(amount.pence(), 60) / perHour.pence();
        // The fee is rounded to the penny, so the exact quotient can be a minute off either way.
        while (minutes > 0 && feeFor(WorkHours.ofMinutes((int) minutes)).isMoreThan(amount)) {
            minutes--;
        }
        while (!feeFor(WorkHours.ofMinutes((int) minutes + 1)).isMoreThan(amount)) {
            minutes++;
        }
        return WorkHours.ofMinutes((int) Math.min(minutes, Integer.MAX_VALUE));
    }

    @Override
    public String toString() {
        return perHour + " an hour";
    }
}
