package org.chorus.payments.guidance;

import java.time.LocalDate;
import java.time.Month;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A UK tax year, 6 April to 5 April, named by the year it starts in: {@code 2025} is 2025/26.
 * Its rules live in a file named {@link #fileName()}, for example {@code 2025-26.json}.
 */
public record TaxYear(int startYear) implements Comparable<TaxYear> {

    private static final Pattern ID = Pattern.compile("(\\d{4})-(\\d{2})");

    public TaxYear {
        if (startYear < 1990 || startYear > 2200) {
            throw new IllegalArgumentException("Not a tax year we can hold rules for: " + startYear);
        }
    }

    /** The tax year a date falls in: 5 April 2026 is in 2025/26, 6 April 2026 in 2026/27. */
    public static TaxYear containing(LocalDate date) {
        LocalDate start = LocalDate.of(date.getYear(), Month.APRIL, 6);
        return new TaxYear(date.isBefore(start) ? date.getYear() - 1 : date.getYear());
    }

    /** Reads an id such as {@code 2025-26}; the second part must be the year after the first. */
    public static TaxYear parse(String id) {
        Matcher m = id == null ? null : ID.matcher(id);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("A tax year is written like 2025-26: " + id);
        }
        TaxYear year = new TaxYear(Integer.parseInt(m.group(1)));
        if (!year.id().equals(id)) {
            throw new IllegalArgumentException("The second year must follow the first, like 2025-26: " + id);
        }
        return year;
    }

    public LocalDate firstDay() {
        return LocalDate.of(startYear, Month.APRIL, 6);
    }

    public LocalDate lastDay() {
        return LocalDate.of(startYear + 1, Month.APRIL, 5);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(firstDay()) && !date.isAfter(lastDay());
    }

    public TaxYear next() {
        return new TaxYear(startYear + 1);
    }

    /** {@code 2025-26}. */
    public String id() {
        return String.format("%d-%02d", startYear, (startYear + 1) % 100);
    }

    public String fileName() {
        return id() + ".json";
    }

    @Override
    public int compareTo(TaxYear other) {
        return Integer.compare(startYear, other.startYear);
    }

    /** As people write it: {@code 2025/26}. */
    @Override
    public String toString() {
        return String.format("%d/%02d", startYear, (startYear + 1) % 100);
    }
}
