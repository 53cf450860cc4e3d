package org.chorus.console.text;

import java.time.LocalTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A time of day as people type it: {@code 14:30}, {@code 2:30pm}, {@code 2pm}, {@code 10.15am}, {@code noon}. */
public final class TimeOfDay {

    private static final Pattern TIME = Pattern.compile("(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm)?");

    private TimeOfDay() {
    }

    public static Optional<LocalTime> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String text = typed.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        if (text.equals("noon") || text.equals("midday")) {
            return Optional.of(LocalTime.NOON);
        }
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        String half = m.group(3);
        if (half == null && m.group(2) == null) {
            return Optional.empty();
        }
        if (half != null) {
            if (hour < 1 || hour > 12) {
                return Optional.empty();
            }
            hour = hour % 12 + (half.equals("pm") ? 12 : 0);
        }
        if (hour > 23 || minute > 59) {
            return Optional.empty();
        }
        return Optional.of(LocalTime.of(hour, minute));
    }
}
