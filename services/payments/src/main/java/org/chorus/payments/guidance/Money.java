package org.chorus.payments.guidance;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of pounds sterling, held as whole pence so that sums are exact. Never a {@code double}.
 * It may be negative only as the result of a subtraction; amounts people send are checked to be
 * zero or more where they arrive.
 */
public record Money(long pence) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    public static Money ofPence(long pence) {
        return new Money(pence);
    }

    public static Money ofPounds(long pounds) {
        return new Money(Math.multiplyExact(pounds, 100));
    }

    /**
     * Reads a decimal amount of pounds such as {@code "195.50"}.
     *
     * @throws IllegalArgumentException when it is not a number with at most two decimal places
     */
    public static Money parse(String pounds) {
        try {
            BigDecimal exact = new BigDecimal(pounds.strip()).setScale(2, RoundingMode.UNNECESSARY);
            return new Money(exact.movePointRight(2).longValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("Not an amount of pounds with at most two decimal places: " + pounds, e);
        }
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(pence, other.pence));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(pence, other.pence));
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(pence, factor));
    }

    /** This amount × numerator ÷ denominator, rounded to the nearest penny (halves go up). */
    public Money scale(long numerator, long denominator) {
        BigDecimal exact = BigDecimal.valueOf(pence).multiply(BigDecimal.valueOf(numerator))
                .divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_UP);
        return new Money(exact.longValueExact());
    }

    /** The part above {@code threshold}, or zero. */
    public Money above(Money threshold) {
        return pence > threshold.pence ? minus(threshold) : ZERO;
    }

    /** This amount, or zero if it is negative. */
    public Money atLeastZero() {
        return pence < 0 ? ZERO : this;
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public boolean isZero() {
        return pence == 0;
    }

    public boolean isPositive() {
        return pence > 0;
    }

    public boolean isNegative() {
        return pence < 0;
    }

    public boolean isMoreThan(Money other) {
        return compareTo(other) > 0;
    }

    public BigDecimal inPounds() {
        return BigDecimal.valueOf(pence, 2);
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(pence, other.pence);
    }

    /** As people write it: {@code £40.35}, {@code £196}, {@code £1,000}, {@code -£3.10}. */
    @Override
    public String toString() {
        long abs = Math.abs(pence);
        String pounds = String.format("%,d", abs / 100);
        String text = abs % 100 == 0 ? "£" + pounds : "£" + pounds + "." + String.format("%02d", abs % 100);
        return pence < 0 ? "-" + text : text;
    }
}
