package org.chorus.console.text;

import com.google.protobuf.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Dates and times as GOV.UK writes them ("14 March 2026", "2:30pm"), in UK time. A bean, so templates
 * can use it: {@code ${@dates.day(session.startTime)}}.
 */
@Component("dates")
public class Dates {

    /** Commissions meet in the UK; times are shown as the people there read their clocks. */
    public static final ZoneId UK = ZoneId.of("Europe/London");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mma", Locale.UK);

    public String day(Timestamp time) {
        return isSet(time) ? DAY.format(zoned(time)) : "";
    }

    public String shortDay(Timestamp time) {
        return isSet(time) ? SHORT_DAY.format(zoned(time)) : "";
    }

    public String shortDay(com.google.type.Date date) {
        if (date == null || date.getYear() == 0) {
            return "";
        }
        return SHORT_DAY.format(LocalDate.of(date.getYear(), Math.max(1, date.getMonth()), Math.max(1, date.getDay())));
    }

    /** {@code 2:30pm}; {@code 10am} on the hour. */
    public String time(Timestamp time) {
        if (!isSet(time)) {
            return "";
        }
        ZonedDateTime at = zoned(time);
        String text = TIME.format(at).toLowerCase(Locale.UK);
        return at.getMinute() == 0 ? text.replace(":00", "") : text;
    }

    /** A day as typed in the GOV.UK date input's three boxes ({@code 14}, {@code 3}, {@code 2026}); empty when it is not a real day. */
    public static Optional<LocalDate> typedDay(String day, String month, String year) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(year.strip()), Integer.parseInt(month.strip()), Integer.parseInt(day.strip())));
        } catch (NumberFormatException | DateTimeException | NullPointerException notADay) {
            return Optional.empty();
        }
    }

    /** {@code 14 March 2026}. */
    public String shortDay(LocalDate day) {
        return SHORT_DAY.format(day);
    }

    private static boolean isSet(Timestamp time) {
        return time != null && (time.getSeconds() != 0 || time.getNanos() != 0);
    }

    private static ZonedDateTime zoned(Timestamp time) {
        return Instant.ofEpochSecond(time.getSeconds(), time.getNanos()).atZone(UK);
    }
}
