package org.chorus.platform.protos;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import com.google.type.Date;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.Violations;

/** Time and dates between the contract ({@code google.protobuf.Timestamp}, {@code google.type.Date}) and Java. */
public final class ProtoTime {

    private ProtoTime() {
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /**
     * The instant sent.
     *
     * @param reason the error reason of the request it is part of, for example {@code INVALID_SESSION}
     * @param field  the field, named in the error
     * @param what   the time in plain words, for example "the start time"
     * @throws ChorusException INVALID_ARGUMENT on {@code field} when it is outside the years 1 to 9999
     *                         that the contract's timestamps allow
     */
    public static Instant instant(Timestamp timestamp, String reason, String field, String what) {
        if (!Timestamps.isValid(timestamp)) {
            throw ChorusException.invalid(reason, field,
                    capitalised(what) + " must be a real time, between the years 1 and 9999.");
        }
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    public static Date date(LocalDate day) {
        return Date.newBuilder().setYear(day.getYear()).setMonth(day.getMonthValue()).setDay(day.getDayOfMonth()).build();
    }

    /**
     * The day sent; null when none was (all zero), for the command to say what is needed.
     *
     * @param reason the error reason of the request it is part of, for example {@code INVALID_GROUND_RULES}
     * @param field  the field, named in the error
     * @param what   the day in plain words, for example "the day agreed"
     * @throws ChorusException INVALID_ARGUMENT on {@code field} when it is not a real day (or has no year)
     */
    public static LocalDate day(Date date, String reason, String field, String what) {
        Violations violations = new Violations();
        LocalDate day = dayOrViolation(date, field, what, violations);
        violations.throwIfAny(reason, capitalised(what) + " must be a real day.");
        return day;
    }

    /**
     * The day sent, for a command that lists every problem at once: null when none was sent, or when
     * it is not a real day (then {@code violations} says so, on {@code field}).
     */
    public static LocalDate dayOrViolation(Date date, String field, String what, Violations violations) {
        if (date == null || Date.getDefaultInstance().equals(date)) {
            return null;
        }
        try {
            return LocalDate.of(date.getYear(), date.getMonth(), date.getDay());
        } catch (DateTimeException notADay) {
            violations.check(false, field,
                    capitalised(what) + " must be a real day, with a year, a month (1 to 12) and a day of the month.");
            return null;
        }
    }

    private static String capitalised(String what) {
        return Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }
}
