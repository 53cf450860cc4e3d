package org.chorus.reporting.readmodel;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A calendar period reports count in: a year {@code 2026}, a quarter {@code 2026-Q1} or a month {@code 2026-03}. */
public record Period(Length length, int year, int index) implements Comparable<Period> {

    /** How long a period is. */
    public enum Length { MONTH, QUARTER, YEAR }

    private static final Pattern TEXT = Pattern.compile("(\\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?");

    public Period {
        if (year < 1900 || year > 9999 || index < 1 || index > switch (length) {
            case MONTH -> 12;
            case QUARTER -> 4;
            case YEAR -> 1;
        }) {
            throw new IllegalArgumentException("No such period: " + length + " " + year + " " + index);
        }
    }

    /** The period a text names, if it names one. */
    public static Optional<Period> parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        if (year < 1900) {
            return Optional.empty();
        }
        if (m.group(2) != null) {
            return Optional.of(new Period(Length.QUARTER, year, Integer.parseInt(m.group(2))));
        }
        if (m.group(3) != null) {
            return Optional.of(new Period(Length.MONTH, year, Integer.parseInt(m.group(3))));
        }
        return Optional.of(new Period(Length.YEAR, year, 1));
    }

    public static Period year(int year) {
        return new Period(Length.YEAR, year, 1);
    }

    /** The periods one shorter that make this one up: a year's quarters, a quarter's months; none for a month. */
    public List<Period> parts() {
        return switch (length) {
            case YEAR -> List.of(new Period(Length.QUARTER, year, 1), new Period(Length.QUARTER, year, 2),
                    new Period(Length.QUARTER, year, 3), new Period(Length.QUARTER, year, 4));
            case QUARTER -> List.of(new Period(Length.MONTH, year, index * 3 - 2), new Period(Length.MONTH, year, index * 3 - 1),
                    new Period(Length.MONTH, year, index * 3));
            case MONTH -> List.of();
        };
    }

    /** The year's 17 periods: its months, its quarters and itself, in that order. */
    public static List<Period> ofYear(int year) {
        List<Period> all = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            all.add(new Period(Length.MONTH, year, month));
        }
        for (int quarter = 1; quarter <= 4; quarter++) {
            all.add(new Period(Length.QUARTER, year, quarter));
        }
        all.add(year(year));
        return all;
    }

    /** The period after this one, of the same length. */
    public Period next() {
        return switch (length) {
            case YEAR -> year(year + 1);
            case QUARTER -> index == 4 ? new Period(Length.QUARTER, year + 1, 1) : new Period(Length.QUARTER, year, index + 1);
            case MONTH -> index == 12 ? new Period(Length.MONTH, year + 1, 1) : new Period(Length.MONTH, year, index + 1);
        };
    }

    /** The first month of the period. */
    public YearMonth firstMonth() {
        return YearMonth.of(year, switch (length) {
            case YEAR -> 1;
            case QUARTER -> index * 3 - 2;
            case MONTH -> index;
        });
    }

    @Override
    public int compareTo(Period other) {
        int byStart = firstMonth().compareTo(other.firstMonth());
        return byStart != 0 ? byStart : other.length.compareTo(length);
    }

    @Override
    public String toString() {
        return switch (length) {
            case YEAR -> Integer.toString(year);
            case QUARTER -> year + "-Q" + index;
            case MONTH -> "%d-%02d".formatted(year, index);
        };
    }

    /**
     * Makes each quarter and year of a measure that adds up over time the sum of its months (a figure rounded
     * down each month, such as hours, then adds up exactly), keeping the people counted in the longer period.
     */
    static Map<Figures.Key, Figures.Cell> addUpOverTime(Map<Figures.Key, Figures.Cell> byPeriod) {
        Map<Figures.Key, Long> sums = new HashMap<>();
        byPeriod.forEach((key, cell) -> {
            Period month = parse(key.period()).orElseThrow();
            if (key.measure().addsUpOverTime() && month.length() == Length.MONTH) {
                for (Period longer : List.of(month.quarter(), year(month.year()))) {
                    sums.merge(new Figures.Key(key.measure(), longer.toString()), cell.value(), Long::sum);
                }
            }
        });
        Map<Figures.Key, Figures.Cell> result = new HashMap<>(byPeriod);
        sums.forEach((key, sum) -> {
            Figures.Cell counted = byPeriod.get(key);
            result.put(key, new Figures.Cell(sum, counted == null ? -1 : counted.people()));
        });
        return result;
    }

    /** The quarter a month is in. */
    public Period quarter() {
        if (length != Length.MONTH) {
            throw new IllegalStateException("Only a month is in a quarter: " + this);
        }
        return new Period(Length.QUARTER, year, (index + 2) / 3);
    }
}
