package org.chorus.commissions.session;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.chorus.commissions.session.Accessibility.Interpreter;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.requests.RequestIds;

/**
 * The command to set some of a session's details: on create, all the required ones; on update, the
 * ones named in the update mask. It checks itself: an instance always holds valid values for every
 * field in {@link #fields()} (texts trimmed). Whether they fit the rest of the session (an end after
 * the start, notes with the group's agreement) is checked by {@link Session}.
 */
public record SessionFields(Set<Field> fields, String title, Instant startTime, Instant endTime, SessionLocation location,
                            Accessibility accessibility, String notes, boolean notesAgreed) {

    static final int MAX_TITLE = 200;
    static final int MAX_PLACE = 500;
    static final int MAX_LINK = 2000;
    static final int MAX_LANGUAGE = 60;
    static final int MAX_NOTES = 10_000;

    /** The details of a session that can be set. */
    public enum Field { TITLE, START_TIME, END_TIME, LOCATION, ACCESSIBILITY, NOTES, NOTES_CONSENT }

    /** What a new session must have. */
    public static final Set<Field> REQUIRED_ON_CREATE =
            Set.copyOf(EnumSet.of(Field.TITLE, Field.START_TIME, Field.END_TIME, Field.LOCATION, Field.ACCESSIBILITY));

    public SessionFields {
        // An EnumSet keeps the order fixed, so the fingerprint is the same in every JVM.
        fields = Collections.unmodifiableSet(fields.isEmpty() ? EnumSet.noneOf(Field.class) : EnumSet.copyOf(fields));
    }

    /**
     * Checks the raw values of {@code fields} (the others are ignored) and builds the command.
     *
     * @param place      the place in words, or null when none was sent
     * @param onlineLink the link, or null when none was sent
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found
     */
    public static SessionFields of(Set<Field> fields, String title, Instant startTime, Instant endTime, String place,
                                   String onlineLink, Accessibility accessibility, String notes, boolean notesAgreed) {
        Violations violations = new Violations();
        violations.check(!fields.isEmpty(), "update_mask",
                "There is nothing to change. Name the fields to change in the update mask.");
        if (fields.contains(Field.TITLE)) {
            violations.checkText(title, "session.title", "a title for the session", 1, MAX_TITLE);
        }
        if (fields.contains(Field.START_TIME)) {
            violations.check(startTime != null, "session.start_time", "Please give when the session starts.");
        }
        if (fields.contains(Field.END_TIME)) {
            violations.check(endTime != null, "session.end_time", "Please give when the session ends.");
        }
        if (startTime != null && endTime != null && fields.contains(Field.START_TIME) && fields.contains(Field.END_TIME)) {
            checkTimes(violations, startTime, endTime);
        }
        SessionLocation location = null;
        if (fields.contains(Field.LOCATION)) {
            location = location(violations, place, onlineLink);
        }
        if (fields.contains(Field.ACCESSIBILITY)) {
            checkAccessibility(violations, accessibility);
        }
        if (fields.contains(Field.NOTES)) {
            violations.checkText(notes, "session.notes", "the notes", 0, MAX_NOTES);
        }
        violations.throwIfAny("INVALID_SESSION", "Some details of the session need fixing.");
        // PostgreSQL keeps microseconds: what a change returns must equal what a read gives later.
        return new SessionFields(fields, strip(title), micros(startTime), micros(endTime), location, accessibility,
                notes == null ? "" : notes.strip(), notesAgreed);
    }

    /** Adds a violation on {@code session.end_time} unless the session ends after it starts, within a day. */
    static void checkTimes(Violations violations, Instant start, Instant end) {
        if (violations.check(end.isAfter(start), "session.end_time",
                "The session must end after it starts. Check the start and end times.")) {
            violations.check(!Duration.between(start, end).minus(Session.LONGEST).isPositive(), "session.end_time",
                    "A session can last at most 24 hours. Check the start and end times.");
        }
    }

    private static SessionLocation location(Violations violations, String place, String onlineLink) {
        boolean hasPlace = place != null && !place.isBlank();
        boolean hasLink = onlineLink != null && !onlineLink.isBlank();
        if (!hasPlace && !hasLink) {
            violations.check(false, "session.location",
                    "Please say where the session is: a place in words, or a link to join online.");
            return null;
        }
        if (hasPlace) {
            return violations.checkText(place, "session.location.place", "the place", 1, MAX_PLACE)
                    ? SessionLocation.at(place.strip()) : null;
        }
        String link = onlineLink.strip();
        if (violations.checkText(link, "session.location.online_link", "the link", 1, MAX_LINK)
                && violations.check(isWebLink(link), "session.location.online_link",
                "The link must be a web address starting with https://, for example https://meet.example.org/leeds.")) {
            return SessionLocation.online(link);
        }
        return null;
    }

    private static boolean isWebLink(String link) {
        try {
            URI uri = new URI(link);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void checkAccessibility(Violations violations, Accessibility accessibility) {
        if (!violations.check(accessibility != null, "session.accessibility",
                "Please say how the space works: step-free access, hearing loop, quiet room, interpreter, childcare, "
                        + "travel and food.")) {
            return;
        }
        if (!violations.check(accessibility.interpreter() != null, "session.accessibility.interpreter.kind",
                "Please say whether there is an interpreter: NONE, BSL, or OTHER_LANGUAGE with the language.")) {
            return;
        }
        String language = accessibility.interpreterLanguage();
        if (accessibility.interpreter() == Interpreter.OTHER_LANGUAGE) {
            violations.checkText(language, "session.accessibility.interpreter.language",
                    "the language the interpreter speaks", 1, MAX_LANGUAGE);
        } else {
            violations.check(language.isEmpty(), "session.accessibility.interpreter.language",
                    "Only give a language when the interpreter is for another language (OTHER_LANGUAGE).");
        }
    }

    boolean has(Field field) {
        return fields.contains(field);
    }

    /** A fingerprint of what is asked for, to tell a true retry from another request reusing its id. */
    String fingerprint() {
        return RequestIds.fingerprint("session.create\u0000" + this);
    }

    private static Instant micros(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }
}
