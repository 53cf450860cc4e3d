package org.chorus.console.text;

import com.google.type.Money;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Money as people read it: {@code £1,234.50}. The contract's money is pounds sterling; the console never does sums in floating point. */
public final class Pounds {

    private static final long NANOS_PER_PENNY = 10_000_000L;

    /**
     * An amount as people type it: {@code 12}, {@code 12.5}, {@code £12.50}, {@code 1,234.50}. Commas only
     * group thousands, and there are at most two figures after the point.
     */
    private static final Pattern TYPED = Pattern.compile("£?(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d{1,2}))?");
    /** Pence beyond which a typed amount is surely a slip (£10 million): it also keeps the sums in a long. */
    private static final long MOST_PENCE = 1_000_000_000L;

    private Pounds() {
    }

    /** Whole pence of an amount a person typed, or empty when it is not an amount of money (or is negative). */
    public static Optional<Long> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        Matcher amount = TYPED.matcher(typed.strip().replace(" ", ""));
        if (!amount.matches()) {
            return Optional.empty();
        }
        String whole = amount.group(1).replace(",", "");
        if (whole.length() > 8) {
            return Optional.empty();
        }
        String fraction = amount.group(2) == null ? "0" : amount.group(2);
        long pence = Long.parseLong(whole) * 100 + Long.parseLong(fraction.length() == 1 ? fraction + "0" : fraction);
        return pence > MOST_PENCE ? Optional.empty() : Optional.of(pence);
    }

    /** The contract's money (GBP) for whole pence. */
    public static Money money(long pence) {
        return Money.newBuilder().setCurrencyCode("GBP").setUnits(pence / 100).setNanos((int) (pence % 100 * NANOS_PER_PENNY)).build();
    }

    /** The amount typed back into a form field: {@code 12.50} for 1250 pence, without the pound sign or commas. */
    public static String typed(long pence) {
        return (pence / 100) + "." + String.format(Locale.ROOT, "%02d", pence % 100);
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
