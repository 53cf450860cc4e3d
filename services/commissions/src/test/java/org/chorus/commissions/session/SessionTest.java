package org.chorus.commissions.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.chorus.commissions.session.Accessibility.Interpreter;
import org.chorus.commissions.session.SessionFields.Field;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.junit.jupiter.api.Test;

class SessionTest {

    static final Instant START = Instant.parse("2026-03-14T10:00:00Z");
    static final Instant END = Instant.parse("2026-03-14T13:00:00Z");
    static final Accessibility ACCESS = new Accessibility(true, true, false, Interpreter.BSL, "", true, true, true);

    static SessionFields details() {
        return SessionFields.of(SessionFields.REQUIRED_ON_CREATE, " Getting to know each other ", START, END,
                "St George's Centre, Leeds", null, ACCESS, "", false);
    }

    static Session session() {
        return Session.create("s-2026-03-14-abcdef", details(), "dev", START.minus(Duration.ofDays(7)));
    }

    static SessionFields change(Set<Field> fields, Instant start, Instant end, String notes, boolean agreed) {
        return SessionFields.of(fields, null, start, end, null, null, null, notes, agreed);
    }

    @Test
    void aNewSessionIsScheduledWithTrimmedDetailsAndNoNotes() {
        Session s = session();

        assertThat(s.title()).isEqualTo("Getting to know each other");
        assertThat(s.state()).isEqualTo(Session.State.SCHEDULED);
        assertThat(s.location().place()).isEqualTo("St George's Centre, Leeds");
        assertThat(s.notesConsent()).isEqualTo(NotesConsent.NOT_ASKED);
        assertThat(s.createdBy()).isEqualTo("dev");
        assertThat(s.version()).isEqualTo(1);
    }

    @Test
    void aSessionEndingBeforeItStartsIsRefusedOnTheEndTime() {
        assertThatThrownBy(() -> SessionFields.of(SessionFields.REQUIRED_ON_CREATE, "Title", END, START, "Hall", null, ACCESS, "", false))
                .isInstanceOfSatisfying(ChorusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ChorusException.Kind.INVALID_ARGUMENT);
                    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("session.end_time");
                    assertThat(e.violations().getFirst().description()).isEqualTo("The session must end after it starts. Check the start and end times.");
                });
        assertThatThrownBy(() -> session().apply(change(EnumSet.of(Field.END_TIME), null, START.minusSeconds(60), null, false), "dev", END))
                .isInstanceOfSatisfying(ChorusException.class, e ->
                        assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("session.end_time"));
    }

    @Test
    void aSessionLongerThanADayIsRefused() {
        assertThatThrownBy(() -> SessionFields.of(SessionFields.REQUIRED_ON_CREATE, "Title", START, START.plus(Duration.ofHours(25)),
                "Hall", null, ACCESS, "", false))
                .isInstanceOfSatisfying(ChorusException.class, e ->
                        assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("session.end_time"));
    }

    @Test
    void everyBadDetailIsListedAtOnce() {
        Accessibility noInterpreterSaid = new Accessibility(false, false, false, null, "", false, false, false);
        assertThatThrownBy(() -> SessionFields.of(SessionFields.REQUIRED_ON_CREATE, "x".repeat(201), null, END, null,
                "http://not-secure.example.org", noInterpreterSaid, "", false))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("session.title", "session.start_time", "session.location.online_link",
                                "session.accessibility.interpreter.kind"));
    }

    @Test
    void anotherLanguageNeedsTheLanguageAndOnlyThen() {
        assertThatThrownBy(() -> SessionFields.of(EnumSet.of(Field.ACCESSIBILITY), null, null, null, null, null,
                new Accessibility(false, false, false, Interpreter.OTHER_LANGUAGE, " ", false, false, false), null, false))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("session.accessibility.interpreter.language"));
        assertThatThrownBy(() -> SessionFields.of(EnumSet.of(Field.ACCESSIBILITY), null, null, null, null, null,
                new Accessibility(false, false, false, Interpreter.NONE, "Polish", false, false, false), null, false))
                .isInstanceOf(ChorusException.class);
        assertThat(SessionFields.of(EnumSet.of(Field.ACCESSIBILITY), null, null, null, null, null,
                new Accessibility(false, false, false, Interpreter.OTHER_LANGUAGE, "Polish", false, false, false), null, false)
                .accessibility().interpreterLanguage()).isEqualTo("Polish");
    }

    @Test
    void aSessionIsEitherSomewhereOrOnlineAndSaysWhich() {
        assertThatThrownBy(() -> SessionFields.of(EnumSet.of(Field.LOCATION), null, null, null, "  ", null, null, null, false))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("session.location"));
        SessionFields online = SessionFields.of(EnumSet.of(Field.LOCATION), null, null, null, null, "https://meet.example.org/leeds",
                null, null, false);
        assertThat(session().apply(online, "dev", START).location().isOnline()).isTrue();
    }

    @Test
    void notesWithoutTheGroupsAgreementAreRefused() {
        assertThatThrownBy(() -> session().apply(change(EnumSet.of(Field.NOTES), null, null, "We talked about rent.", false), "dev", END))
                .isInstanceOfSatisfying(ChorusException.class, e -> {
                    assertThat(e.reason()).isEqualTo("NOTES_NEED_CONSENT");
                    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("session.notes");
                });
    }

    @Test
    void notesAreKeptWithTheGroupsAgreementRecordedWithWhoAndWhenAndDeletedWhenItIsWithdrawn() {
        Session withNotes = session().apply(change(EnumSet.of(Field.NOTES, Field.NOTES_CONSENT), null, null, "We talked about rent.", true),
                "dev", END);

        assertThat(withNotes.notes()).isEqualTo("We talked about rent.");
        assertThat(withNotes.notesConsent()).isEqualTo(new NotesConsent(true, "dev", END));

        Session withdrawn = withNotes.apply(change(EnumSet.of(Field.NOTES_CONSENT), null, null, null, false), "amara", END.plusSeconds(60));
        assertThat(withdrawn.notes()).isEmpty();
        assertThat(withdrawn.notesConsent()).isEqualTo(new NotesConsent(false, "amara", END.plusSeconds(60)));
    }

    @Test
    void aCancelledSessionIsKeptWithItsReasonAndNotChangedAgain() {
        Session cancelled = session().cancel("  The venue flooded.  ", END);

        assertThat(cancelled.state()).isEqualTo(Session.State.CANCELLED);
        assertThat(cancelled.cancelReason()).isEqualTo("The venue flooded.");
        assertThat(cancelled.version()).isEqualTo(2);
        assertThatThrownBy(() -> cancelled.cancel("Again.", END))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.kind()).isEqualTo(ChorusException.Kind.FAILED_PRECONDITION));
        assertThatThrownBy(() -> cancelled.apply(change(EnumSet.of(Field.START_TIME), START.plusSeconds(60), null, null, false), "dev", END))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.reason()).isEqualTo("SESSION_CANCELLED"));
        assertThatThrownBy(() -> session().cancel(" ", END))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("reason"));
    }

    @Test
    void attendanceIsRecordedOnceTheSessionStartedForAtMostItsLengthPlusTravel() {
        Session s = session();
        assertThat(s.mostAttendanceMinutes()).isEqualTo(180 + Session.TRAVEL_ALLOWANCE_MINUTES);

        s.checkAttendance(AttendanceRecording.of("sam", true, 300, null), START);
        assertThatThrownBy(() -> s.checkAttendance(AttendanceRecording.of("sam", true, 301, null), END))
                .isInstanceOfSatisfying(ChorusException.class, e -> {
                    assertThat(e.reason()).isEqualTo("TOO_MANY_MINUTES");
                    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("minutes");
                });
        assertThatThrownBy(() -> s.checkAttendance(AttendanceRecording.of("sam", true, 60, null), START.minusSeconds(1)))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.reason()).isEqualTo("SESSION_NOT_STARTED"));
        assertThatThrownBy(() -> s.cancel("Snow.", START).checkAttendance(AttendanceRecording.of("sam", true, 60, null), END))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.reason()).isEqualTo("SESSION_CANCELLED"));
    }

    @Test
    void minutesMatchWhetherThePersonCame() {
        assertThatThrownBy(() -> AttendanceRecording.of("sam", true, 0, null))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("minutes"));
        assertThatThrownBy(() -> AttendanceRecording.of("sam", false, 30, null)).isInstanceOf(ChorusException.class);
        assertThat(AttendanceRecording.of("sam", false, 0, "").etag()).isNull();
    }

    @Test
    void attendanceRecordedBySomeoneElseIsMarkedAsOnTheirBehalfAndAStaleEtagIsAborted() {
        Attendance first = Attendance.record(null, "s-1", AttendanceRecording.of("sam", true, 120, null), "dev", END);
        assertThat(first.recordedOnBehalf()).isTrue();
        assertThat(first.version()).isEqualTo(1);

        Attendance own = Attendance.record(first, "s-1", AttendanceRecording.of("sam", true, 150, first.etag()), "sam", END);
        assertThat(own.recordedOnBehalf()).isFalse();
        assertThat(own.version()).isEqualTo(2);
        assertThatThrownBy(() -> Attendance.record(own, "s-1", AttendanceRecording.of("sam", false, 0, first.etag()), "dev", END))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.kind()).isEqualTo(ChorusException.Kind.ABORTED));
    }

    @Test
    void theSameDetailsGiveTheSameFingerprintAndOthersDoNot() {
        assertThat(details().fingerprint()).isEqualTo(details().fingerprint());
        assertThat(SessionFields.of(SessionFields.REQUIRED_ON_CREATE, "Another title", START, END, "St George's Centre, Leeds", null,
                ACCESS, "", false).fingerprint()).isNotEqualTo(details().fingerprint());
    }
}
