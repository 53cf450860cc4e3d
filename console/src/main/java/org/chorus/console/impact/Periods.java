package org.chorus.console.impact;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reporting's periods ({@code 2026}, {@code 2026-Q1}, {@code 2026-03}) as people say them. */
public final class Periods {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final String[] QUARTERS = {"Jan to Mar", "Apr to Jun", "Jul to Sep", "Oct to Dec"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};

    private Periods() {
    }

    public static String label(String period) {
        Matcher quarter = QUARTER.matcher(period);
        if (quarter.matches()) {
            return QUARTERS[Integer.parseInt(quarter.group(2)) - 1] + " " + quarter.group(1);
        }
        Matcher month = MONTH.matcher(period);
        if (month.matches()) {
            int number = Integer.parseInt(month.group(2));
            if (number >= 1 && number <= 12) {
                return MONTHS[number - 1] + " " + month.group(1);
            }
        }
        return period;
    }
}
