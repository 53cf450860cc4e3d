package org.chorus.console.text;

import com.google.type.Money;
import java.text.NumberFormat;
import java.util.Locale;

/** Money as people read it: {@code £1,234.50}. The contract's money is pounds sterling; the console never does sums in floating point. */
public final class Pounds {

    private static final long NANOS_PER_PENNY = 10_000_000L;

    private Pounds() {
    }

    /** {@code £12.05} for 1205 pence; {@code -£3.00} for -300. */
    public static String fromPence(long pence) {
        long whole = Math.abs(pence);
        String pounds = NumberFormat.getIntegerInstance(Locale.UK).format(whole / 100);
        return (pence < 0 ? "-" : "") + "£" + pounds + "." + String.format(Locale.ROOT, "%02d", whole % 100);
    }

    /** The amount in whole pence, rounded half away from zero (the contract gives at most pennies). */
    public static long pence(Money money) {
        long nanos = money.getNanos();
        long pennies = nanos / NANOS_PER_PENNY;
        long rest = nanos % NANOS_PER_PENNY;
        if (Math.abs(rest) * 2 >= NANOS_PER_PENNY) {
            pennies += Long.signum(rest);
        }
        return Math.addExact(Math.multiplyExact(money.getUnits(), 100L), pennies);
    }

    /** {@link #fromPence(long)} of the money. */
    public static String of(Money money) {
        return fromPence(pence(money));
    }
}
