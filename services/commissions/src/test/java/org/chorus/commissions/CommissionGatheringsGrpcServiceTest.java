package org.chorus.commissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.testrig.GrpcAssertions.assertStatus;
import static org.chorus.testrig.GrpcAssertions.violations;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.commissions.v1.Accessibility;
import org.chorus.commissions.v1.Attendance;
import org.chorus.commissions.v1.CancelSessionRequest;
import org.chorus.commissions.v1.Commission;
import org.chorus.commissions.v1.CommissionEvent;
import org.chorus.commissions.v1.CommissionEventsServiceGrpc;
import org.chorus.commissions.v1.CommissionExperimentsServiceGrpc.CommissionExperimentsServiceBlockingStub;
import org.chorus.commissions.v1.CommissionExperimentsServiceGrpc;
import org.chorus.commissions.v1.CommissionFocusIssuesServiceGrpc.CommissionFocusIssuesServiceBlockingStub;
import org.chorus.commissions.v1.CommissionFocusIssuesServiceGrpc;
import org.chorus.commissions.v1.CommissionSessionsServiceGrpc.CommissionSessionsServiceBlockingStub;
import org.chorus.commissions.v1.CommissionSessionsServiceGrpc;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.commissions.v1.CreateCommissionRequest;
import org.chorus.commissions.v1.CreateExperimentRequest;
import org.chorus.commissions.v1.CreateFocusIssueRequest;
import org.chorus.commissions.v1.CreateSessionRequest;
import org.chorus.commissions.v1.DecideFocusIssueRequest;
import org.chorus.commissions.v1.Experiment;
import org.chorus.commissions.v1.FocusIssue;
import org.chorus.commissions.v1.GetAttendanceRequest;
import org.chorus.commissions.v1.GetExperimentRequest;
import org.chorus.commissions.v1.GetFocusIssueRequest;
import org.chorus.commissions.v1.GetSessionRequest;
import org.chorus.commissions.v1.Interpreter;
import org.chorus.commissions.v1.ListAttendanceRequest;
import org.chorus.commissions.v1.ListExperimentsRequest;
import org.chorus.commissions.v1.ListFocusIssuesRequest;
import org.chorus.commissions.v1.ListSessionsRequest;
import org.chorus.commissions.v1.MoveExperimentRequest;
import org.chorus.commissions.v1.NotesConsent;
import org.chorus.commissions.v1.RecordAttendanceRequest;
import org.chorus.commissions.v1.Session;
import org.chorus.commissions.v1.SessionLocation;
import org.chorus.commissions.v1.UpdateSessionRequest;
import org.chorus.commissions.v1.WatchEventsRequest;
import org.chorus.membership.v1.Member;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.testrig.Bearer;
import org.chorus.testrig.MembershipStandIn;
import org.chorus.testrig.RealKeycloak;
import org.chorus.testrig.RealPostgres;
import org.chorus.testrig.UseRealKeycloak;
import org.chorus.testrig.UseRealPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sessions, attendance, focus issues and experiments over the in-process gRPC transport, on a real PostgreSQL
 * with real Keycloak tokens: dev facilitates leeds, sam is a member there, priya is a member of
 * salford, amara coordinates the network.
 */
@SpringBootTest
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "commissions")
@UseRealKeycloak
@Import(MembershipStandIn.class)
class CommissionGatheringsGrpcServiceTest {

    static final String LEEDS = "commissions/leeds";
    static final String SALFORD = "commissions/salford";
    static final Instant PAST_START = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(4));
    static final Instant PAST_END = PAST_START.plus(Duration.ofHours(2));

    @Autowired
    GrpcChannelFactory channels;

    final JdbcClient owner = JdbcClient.create(RealPostgres.get().ownerDataSource("commissions"));

    @BeforeEach
    void freshLeedsAndSalford() {
        owner.sql("TRUNCATE network.commission_provisioning, network.commission, network.create_request").update();
        owner.sql("DROP SCHEMA IF EXISTS commission_leeds CASCADE").update();
        owner.sql("DROP SCHEMA IF EXISTS commission_salford CASCADE").update();
        var registry = CommissionsServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token("amara"));
        for (String id : List.of("leeds", "salford")) {
            registry.createCommission(CreateCommissionRequest.newBuilder().setCommissionId(id)
                    .setCommission(Commission.newBuilder().setDisplayName("Commission in " + id)).build());
        }
        // Who membership says is in leeds, for attendance recorded on someone's behalf.
        MembershipStandIn.reset();
        for (String member : List.of("person-without-a-phone", "someone-else", subject("sam"))) {
            MembershipStandIn.grant("leeds", member);
        }
    }

    // ---- sessions ----

    @Test
    void aFacilitatorCreatesASessionAndEveryoneInTheCommissionCanReadIt() {
        Session created = sessions("dev").createSession(create(LEEDS, session("Getting to know each other", PAST_START, PAST_END)));

        assertThat(created.getName()).matches(LEEDS + "/sessions/s-\\d{4}-\\d{2}-\\d{2}-[0-9a-f]{12}");
        assertThat(created.getState()).isEqualTo(Session.State.SCHEDULED);
        assertThat(created.getLocation().getPlace()).isEqualTo("Room 2, St George's Centre, Leeds");
        assertThat(created.getAccessibility().getStepFreeAccess()).isTrue();
        assertThat(created.getAccessibility().getQuietRoom()).isFalse();
        assertThat(created.getAccessibility().getInterpreter().getKind()).isEqualTo(Interpreter.Kind.OTHER_LANGUAGE);
        assertThat(created.getAccessibility().getInterpreter().getLanguage()).isEqualTo("Polish");
        assertThat(created.getCreatedBy()).isEqualTo(subject("dev"));
        assertThat(created.getEtag()).isNotEmpty();

        assertThat(sessions("sam").getSession(get(created.getName()))).isEqualTo(created);
        assertThat(sessions("amara").getSession(get(created.getName()))).isEqualTo(created);
        assertThatThrownBy(() -> sessions("priya").getSession(get(created.getName())))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
    }

    @Test
    void membersAndOtherCommissionsCannotCreateChangeOrCancelSessions() {
        Session created = sessions("dev").createSession(create(LEEDS, session("Tea and talk", PAST_START, PAST_END)));

        assertThatThrownBy(() -> sessions("sam").createSession(create(LEEDS, session("Mine", PAST_START, PAST_END))))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> sessions("sam").updateSession(retitle(created, "Changed")))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> sessions("sam").cancelSession(cancel(created.getName(), "I can't come.")))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> sessions("priya").listSessions(ListSessionsRequest.newBuilder().setParent(LEEDS).build()))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThat(sessions("amara").updateSession(retitle(created, "Tea, talk and cake")).getTitle()).isEqualTo("Tea, talk and cake");
        assertThat(events(LEEDS)).extracting(CommissionEvent::getType).containsExactly("session.created", "session.updated");
    }

    @Test
    void aSessionEndingBeforeItStartsIsRefusedOnTheEndTimeAndNothingIsWritten() {
        assertThatThrownBy(() -> sessions("dev").createSession(create(LEEDS, session("Backwards", PAST_END, PAST_START))))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_SESSION");
                    assertThat(violations(e)).singleElement().satisfies(v -> {
                        assertThat(v.getField()).isEqualTo("session.end_time");
                        assertThat(v.getDescription()).isEqualTo("The session must end after it starts. Check the start and end times.");
                    });
                });
        Session created = sessions("dev").createSession(create(LEEDS, session("Forwards", PAST_START, PAST_END)));
        assertThatThrownBy(() -> sessions("dev").updateSession(UpdateSessionRequest.newBuilder()
                .setSession(created.toBuilder().setEndTime(timestamp(PAST_START.minusSeconds(60))))
                .setUpdateMask(FieldMask.newBuilder().addPaths("end_time")).build()))
                .satisfies(e -> assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly("session.end_time"));

        assertThat(sessions("dev").getSession(get(created.getName()))).isEqualTo(created);
        assertThat(sessions("dev").listSessions(ListSessionsRequest.newBuilder().setParent(LEEDS).build()).getSessionsCount()).isEqualTo(1);
        assertThat(events(LEEDS)).hasSize(1);
    }

    @Test
    void overLongTextAndMissingDetailsAreListedTogether() {
        Session bad = session("x".repeat(201), PAST_START, PAST_END).toBuilder()
                .setLocation(SessionLocation.newBuilder().setOnlineLink("zoom meeting 123"))
                .setAccessibility(Accessibility.newBuilder().setHearingLoop(true))
                .build();
        assertThatThrownBy(() -> sessions("dev").createSession(create(LEEDS, bad)))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_SESSION");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly(
                            "session.title", "session.location.online_link", "session.accessibility.interpreter.kind");
                    assertThat(violations(e).getFirst().getDescription()).isEqualTo("A title for the session must be 200 characters or fewer.");
                });
        assertThat(events(LEEDS)).isEmpty();
    }

    @Test
    void invalidNamesAreRefusedOnTheirField() {
        assertThatThrownBy(() -> sessions("dev").getSession(get(LEEDS + "/sessions/Not A Session")))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_NAME");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly("name");
                });
        assertThatThrownBy(() -> sessions("dev").recordAttendance(RecordAttendanceRequest.newBuilder()
                .setName(LEEDS + "/sessions/s-1/attendance/sam/extra").setAttended(true).setMinutes(60).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_NAME"));
        assertThatThrownBy(() -> sessions("dev").getSession(get(LEEDS + "/sessions/s-missing")))
                .satisfies(e -> assertStatus(e, Status.Code.NOT_FOUND, "NO_SESSION"));
    }

    @Test
    void aStaleEtagIsAbortedAndAMaskNamingAnOutputFieldIsRefused() {
        Session created = sessions("dev").createSession(create(LEEDS, session("Planning", PAST_START, PAST_END)));
        Session changed = sessions("dev").updateSession(retitle(created, "Planning together"));

        assertThat(changed.getEtag()).isNotEqualTo(created.getEtag());
        assertThatThrownBy(() -> sessions("amara").updateSession(retitle(created, "Old news")))
                .satisfies(e -> assertStatus(e, Status.Code.ABORTED, "STALE_ETAG"));
        assertThatThrownBy(() -> sessions("dev").cancelSession(cancel(created.getName(), "Rain.").toBuilder()
                .setEtag(created.getEtag()).build()))
                .satisfies(e -> assertStatus(e, Status.Code.ABORTED, "STALE_ETAG"));
        assertThatThrownBy(() -> sessions("dev").updateSession(UpdateSessionRequest.newBuilder()
                .setSession(changed.toBuilder().setState(Session.State.CANCELLED))
                .setUpdateMask(FieldMask.newBuilder().addPaths("state")).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_UPDATE_MASK"));
        assertThat(sessions("dev").getSession(get(created.getName())).getTitle()).isEqualTo("Planning together");
    }

    @Test
    void aRetryWithTheSameRequestIdReturnsTheSameSessionAndAnotherBodyIsRefused() {
        String requestId = UUID.randomUUID().toString();
        Session first = sessions("dev").createSession(create(LEEDS, session("Welcome", PAST_START, PAST_END)).toBuilder()
                .setRequestId(requestId).build());
        Session retry = sessions("dev").createSession(create(LEEDS, session("Welcome", PAST_START, PAST_END)).toBuilder()
                .setRequestId(requestId).build());

        assertThat(retry).isEqualTo(first);
        assertThatThrownBy(() -> sessions("dev").createSession(create(LEEDS, session("Another", PAST_START, PAST_END)).toBuilder()
                .setRequestId(requestId).build()))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "REQUEST_ID_REUSED");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly("request_id");
                });
        assertThat(sessions("dev").listSessions(ListSessionsRequest.newBuilder().setParent(LEEDS).build()).getSessionsCount()).isEqualTo(1);
        assertThat(events(LEEDS)).hasSize(1);
    }

    @Test
    void notesAreKeptOnlyWithTheGroupsAgreementWhichIsRecordedWithWhoAndWhen() {
        Session created = sessions("dev").createSession(create(LEEDS, session("Stories", PAST_START, PAST_END)));

        assertThatThrownBy(() -> sessions("dev").updateSession(UpdateSessionRequest.newBuilder()
                .setSession(created.toBuilder().setNotes("Sam told us about the bus fares."))
                .setUpdateMask(FieldMask.newBuilder().addPaths("notes")).build()))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "NOTES_NEED_CONSENT");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly("session.notes");
                });
        Session withNotes = sessions("dev").updateSession(UpdateSessionRequest.newBuilder()
                .setSession(created.toBuilder().setNotes("We shared what the bus fares cost us.")
                        .setNotesConsent(NotesConsent.newBuilder().setGroupAgreed(true)))
                .setUpdateMask(FieldMask.newBuilder().addPaths("notes").addPaths("notes_consent")).build());

        assertThat(withNotes.getNotes()).isEqualTo("We shared what the bus fares cost us.");
        assertThat(withNotes.getNotesConsent().getGroupAgreed()).isTrue();
        assertThat(withNotes.getNotesConsent().getRecordedBy()).isEqualTo(subject("dev"));
        assertThat(withNotes.getNotesConsent().hasRecordTime()).isTrue();

        Session withdrawn = sessions("dev").updateSession(UpdateSessionRequest.newBuilder()
                .setSession(withNotes.toBuilder().setNotesConsent(NotesConsent.newBuilder().setGroupAgreed(false)))
                .setUpdateMask(FieldMask.newBuilder().addPaths("notes_consent")).build());
        assertThat(withdrawn.getNotes()).isEmpty();
        assertThat(sessions("sam").getSession(get(created.getName())).getNotes()).isEmpty();
        assertThat(events(LEEDS)).allSatisfy(event -> assertThat(event.getPayload().containsFields("notes")).isFalse());
    }

    @Test
    void sessionsAreListedInADateRangeInStartOrderAcrossPages() {
        Instant day = Instant.parse("2026-03-01T10:00:00Z");
        var dev = sessions("dev");
        for (int i = 0; i < 5; i++) {
            Instant start = day.plus(Duration.ofDays(7L * i));
            dev.createSession(create(LEEDS, session("Week " + (i + 1), start, start.plus(Duration.ofHours(2)))));
        }

        List<String> titles = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            var page = sessions("sam").listSessions(ListSessionsRequest.newBuilder().setParent(LEEDS)
                    .setStartTime(timestamp(day.plus(Duration.ofDays(7))))
                    .setEndTime(timestamp(day.plus(Duration.ofDays(28))))
                    .setPageSize(2).setPageToken(token).build());
            page.getSessionsList().forEach(s -> titles.add(s.getTitle()));
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());

        assertThat(titles).containsExactly("Week 2", "Week 3", "Week 4");
        assertThat(pages).isEqualTo(2);
        assertThatThrownBy(() -> sessions("sam").listSessions(ListSessionsRequest.newBuilder().setParent(LEEDS)
                .setStartTime(timestamp(day)).setEndTime(timestamp(day)).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_DATE_RANGE"));
        assertThatThrownBy(() -> sessions("sam").listSessions(ListSessionsRequest.newBuilder().setParent(LEEDS).setPageSize(101).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_PAGE_SIZE"));
        var first = sessions("sam").listSessions(ListSessionsRequest.newBuilder().setParent(LEEDS).setPageSize(1).build());
        assertThatThrownBy(() -> sessions("sam").listSessions(ListSessionsRequest.newBuilder().setParent(LEEDS)
                .setStartTime(timestamp(day)).setPageToken(first.getNextPageToken()).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_PAGE_TOKEN"));
    }

    @Test
    void aCancelledSessionIsKeptAndShownWithItsReasonAndCannotBeChanged() {
        Session created = sessions("dev").createSession(create(LEEDS, session("Walk", PAST_START, PAST_END)));
        Session cancelled = sessions("dev").cancelSession(cancel(created.getName(), "The venue flooded."));

        assertThat(cancelled.getState()).isEqualTo(Session.State.CANCELLED);
        assertThat(cancelled.getCancelReason()).isEqualTo("The venue flooded.");
        assertThat(sessions("sam").listSessions(ListSessionsRequest.newBuilder().setParent(LEEDS).build()).getSessionsList())
                .containsExactly(cancelled);
        assertThatThrownBy(() -> sessions("dev").cancelSession(cancel(created.getName(), "Again.")))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "SESSION_CANCELLED"));
        assertThatThrownBy(() -> sessions("dev").updateSession(retitle(cancelled, "Walk again")))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "SESSION_CANCELLED"));
        assertThatThrownBy(() -> sessions("dev").recordAttendance(attendance(created.getName(), subject("sam"), true, 60)))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "SESSION_CANCELLED"));
        assertThat(events(LEEDS)).extracting(CommissionEvent::getType).containsExactly("session.created", "session.cancelled");
    }

    // ---- attendance ----

    @Test
    void aMemberRecordsTheirOwnAttendanceAndAFacilitatorRecordsForSomeoneWithoutAPhone() {
        Session session = sessions("dev").createSession(create(LEEDS, session("Gathering", PAST_START, PAST_END)));
        String sam = subject("sam");
        String noPhone = "person-without-a-phone";

        Attendance own = sessions("sam").recordAttendance(attendance(session.getName(), sam, true, 150));
        Attendance onBehalf = sessions("dev").recordAttendance(attendance(session.getName(), noPhone, true, 120));

        assertThat(own.getName()).isEqualTo(session.getName() + "/attendance/" + sam);
        assertThat(own.getRecordedBy()).isEqualTo(sam);
        assertThat(own.getRecordedOnBehalf()).isFalse();
        assertThat(onBehalf.getMember()).isEqualTo(noPhone);
        assertThat(onBehalf.getRecordedBy()).isEqualTo(subject("dev"));
        assertThat(onBehalf.getRecordedOnBehalf()).isTrue();

        List<CommissionEvent> recorded = events(LEEDS).stream().filter(e -> e.getType().equals("session.attendance_recorded")).toList();
        assertThat(recorded).hasSize(2);
        assertThat(recorded.getFirst().getResource()).isEqualTo(own.getName());
        assertThat(recorded.getFirst().getActor()).isEqualTo(sam);
        assertThat(recorded.getFirst().getPayload().getFieldsOrThrow("minutes").getNumberValue()).isEqualTo(150);
        assertThat(recorded.getFirst().getPayload().getFieldsOrThrow("attended").getBoolValue()).isTrue();
        assertThat(recorded.get(1).getPayload().getFieldsOrThrow("recorded_on_behalf").getBoolValue()).isTrue();
    }

    @Test
    void aMemberSeesOnlyTheirOwnAttendanceAndAFacilitatorSeesEveryone() {
        Session session = sessions("dev").createSession(create(LEEDS, session("Gathering", PAST_START, PAST_END)));
        String sam = subject("sam");
        sessions("sam").recordAttendance(attendance(session.getName(), sam, true, 120));
        sessions("dev").recordAttendance(attendance(session.getName(), "someone-else", false, 0));

        assertThat(sessions("dev").listAttendance(ListAttendanceRequest.newBuilder().setParent(session.getName()).build())
                .getAttendancesList()).extracting(Attendance::getMember).containsExactlyInAnyOrder(sam, "someone-else");
        assertThat(sessions("sam").listAttendance(ListAttendanceRequest.newBuilder().setParent(session.getName()).build())
                .getAttendancesList()).extracting(Attendance::getMember).containsExactly(sam);
        assertThat(sessions("sam").getAttendance(GetAttendanceRequest.newBuilder()
                .setName(session.getName() + "/attendance/" + sam).build()).getMinutes()).isEqualTo(120);
        assertThatThrownBy(() -> sessions("sam").getAttendance(GetAttendanceRequest.newBuilder()
                .setName(session.getName() + "/attendance/someone-else").build()))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
    }

    @Test
    void aMemberCannotRecordForSomeoneElseAndSomeoneOutsideTheCommissionCannotRecordAtAll() {
        Session session = sessions("dev").createSession(create(LEEDS, session("Gathering", PAST_START, PAST_END)));

        assertThatThrownBy(() -> sessions("sam").recordAttendance(attendance(session.getName(), "someone-else", true, 60)))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> sessions("priya").recordAttendance(attendance(session.getName(), subject("priya"), true, 60)))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        // A coordinator sees every commission but is not in this one: their own attendance is refused.
        assertThatThrownBy(() -> sessions("amara").recordAttendance(attendance(session.getName(), subject("amara"), true, 60)))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "NOT_IN_COMMISSION"));
        assertThat(events(LEEDS)).extracting(CommissionEvent::getType).containsExactly("session.created");
    }

    @Test
    void aFacilitatorRecordsAttendanceForAMemberWithNoAccountButNotForOneWhoLeft() {
        Session session = sessions("dev").createSession(create(LEEDS, session("Gathering", PAST_START, PAST_END)));
        MembershipStandIn.member("leeds", "7d4e0c9a-3b1f-4c2e-9a8d-1f2e3d4c5b6a", Member.State.ACTIVE);
        MembershipStandIn.member("leeds", "0c9a7d4e-1f4c-4c2e-9a8d-5b6a1f2e3d4c", Member.State.LEFT);

        Attendance recorded = sessions("dev").recordAttendance(attendance(session.getName(), "7d4e0c9a-3b1f-4c2e-9a8d-1f2e3d4c5b6a", true, 90));

        assertThat(recorded.getRecordedOnBehalf()).isTrue();
        assertThatThrownBy(() -> sessions("dev").recordAttendance(attendance(session.getName(), "0c9a7d4e-1f4c-4c2e-9a8d-5b6a1f2e3d4c", true, 90)))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "NOT_IN_COMMISSION"));
    }

    @Test
    void aFacilitatorCannotRecordAttendanceForSomeoneMembershipDoesNotKnowInTheCommission() {
        Session session = sessions("dev").createSession(create(LEEDS, session("Gathering", PAST_START, PAST_END)));
        MembershipStandIn.grant("salford", "only-in-salford");

        assertThatThrownBy(() -> sessions("dev").recordAttendance(attendance(session.getName(), "only-in-salford", true, 60)))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.FAILED_PRECONDITION, "NOT_IN_COMMISSION");
                    assertThat(e).hasMessageContaining("This person is not in this commission");
                });
        assertThatThrownBy(() -> sessions("amara").recordAttendance(attendance(session.getName(), "nobody-we-know", true, 60)))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "NOT_IN_COMMISSION"));
        assertThat(MembershipStandIn.ASKED.get()).isEqualTo(2);
        assertThat(events(LEEDS)).extracting(CommissionEvent::getType).containsExactly("session.created");
    }

    @Test
    void minutesMustFitTheSessionAndASessionNotYetStartedTakesNoAttendance() {
        Session session = sessions("dev").createSession(create(LEEDS, session("Gathering", PAST_START, PAST_END)));
        String sam = subject("sam");

        assertThatThrownBy(() -> sessions("sam").recordAttendance(attendance(session.getName(), sam, true, 120 + 121)))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "TOO_MANY_MINUTES");
                    assertThat(violations(e)).singleElement().satisfies(v -> {
                        assertThat(v.getField()).isEqualTo("minutes");
                        assertThat(v.getDescription()).contains("at most 240 minutes");
                    });
                });
        assertThatThrownBy(() -> sessions("sam").recordAttendance(attendance(session.getName(), sam, true, 0)))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_ATTENDANCE"));
        assertThat(sessions("sam").recordAttendance(attendance(session.getName(), sam, true, 240)).getMinutes()).isEqualTo(240);

        Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        Session future = sessions("dev").createSession(create(LEEDS, session("Next week", tomorrow, tomorrow.plus(Duration.ofHours(1)))));
        assertThatThrownBy(() -> sessions("sam").recordAttendance(attendance(future.getName(), sam, true, 60)))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "SESSION_NOT_STARTED"));
    }

    @Test
    void recordingAgainReplacesItARetryWritesNoSecondEventAndAStaleEtagIsAborted() {
        Session session = sessions("dev").createSession(create(LEEDS, session("Gathering", PAST_START, PAST_END)));
        String sam = subject("sam");

        Attendance first = sessions("dev").recordAttendance(attendance(session.getName(), sam, true, 60));
        Attendance retry = sessions("dev").recordAttendance(attendance(session.getName(), sam, true, 60));
        Attendance corrected = sessions("sam").recordAttendance(attendance(session.getName(), sam, true, 150).toBuilder()
                .setEtag(first.getEtag()).build());

        assertThat(retry).isEqualTo(first);
        assertThat(corrected.getMinutes()).isEqualTo(150);
        assertThat(corrected.getRecordedOnBehalf()).isFalse();
        assertThatThrownBy(() -> sessions("dev").recordAttendance(attendance(session.getName(), sam, false, 0).toBuilder()
                .setEtag(first.getEtag()).build()))
                .satisfies(e -> assertStatus(e, Status.Code.ABORTED, "STALE_ETAG"));
        assertThat(events(LEEDS).stream().filter(e -> e.getType().equals("session.attendance_recorded")))
                .extracting(e -> e.getPayload().getFieldsOrThrow("minutes").getNumberValue())
                .containsExactly(60.0, 150.0);
    }

    // ---- focus issues ----

    @Test
    void anyoneInTheCommissionProposesAnIssueAndTheGroupsDecisionIsRecordedWithHow() {
        FocusIssue proposed = issues("sam").createFocusIssue(CreateFocusIssueRequest.newBuilder().setParent(LEEDS)
                .setFocusIssue(FocusIssue.newBuilder().setTitle("Being treated with respect at the job centre")
                        .setDescription("Several of us were spoken to like children.")).build());

        assertThat(proposed.getName()).startsWith(LEEDS + "/focusIssues/fi-");
        assertThat(proposed.getState()).isEqualTo(FocusIssue.State.PROPOSED);
        assertThat(proposed.getProposedBy()).isEqualTo(subject("sam"));

        assertThatThrownBy(() -> issues("sam").decideFocusIssue(decide(proposed.getName(), DecideFocusIssueRequest.Outcome.CHOSEN, "I say so.")))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> issues("dev").decideFocusIssue(decide(proposed.getName(), DecideFocusIssueRequest.Outcome.CHOSEN, " ")))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_DECISION");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly("how_decided");
                });
        FocusIssue chosen = issues("dev").decideFocusIssue(decide(proposed.getName(), DecideFocusIssueRequest.Outcome.CHOSEN,
                "We talked it through over two sessions, then everyone agreed in a round."));

        assertThat(chosen.getState()).isEqualTo(FocusIssue.State.CHOSEN);
        assertThat(chosen.getHowDecided()).isEqualTo("We talked it through over two sessions, then everyone agreed in a round.");
        assertThat(chosen.getDecidedBy()).isEqualTo(subject("dev"));
        assertThat(chosen.hasDecideTime()).isTrue();
        assertThat(issues("sam").getFocusIssue(GetFocusIssueRequest.newBuilder().setName(proposed.getName()).build())).isEqualTo(chosen);
        assertThatThrownBy(() -> issues("dev").decideFocusIssue(decide(proposed.getName(), DecideFocusIssueRequest.Outcome.SET_ASIDE, "Changed.")))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "ALREADY_DECIDED"));
        assertThat(events(LEEDS)).extracting(CommissionEvent::getType).containsExactly("focus_issue.proposed", "focus_issue.decided");
        assertThatThrownBy(() -> issues("priya").createFocusIssue(CreateFocusIssueRequest.newBuilder().setParent(LEEDS)
                .setFocusIssue(FocusIssue.newBuilder().setTitle("Salford's issue")).build()))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
    }

    @Test
    void focusIssuesAreListedByStateAndSetAsideOnesStayVisible() {
        var sam = issues("sam");
        List<FocusIssue> proposed = new ArrayList<>();
        for (String title : List.of("Bus fares", "Damp homes", "Food banks")) {
            proposed.add(sam.createFocusIssue(CreateFocusIssueRequest.newBuilder().setParent(LEEDS)
                    .setFocusIssue(FocusIssue.newBuilder().setTitle(title)).build()));
        }
        issues("dev").decideFocusIssue(decide(proposed.get(0).getName(), DecideFocusIssueRequest.Outcome.CHOSEN, "A vote: 9 for, 2 against."));
        issues("dev").decideFocusIssue(decide(proposed.get(1).getName(), DecideFocusIssueRequest.Outcome.SET_ASIDE,
                "We agreed the housing commission is already on it."));

        assertThat(titles(sam, FocusIssue.State.CHOSEN)).containsExactly("Bus fares");
        assertThat(titles(sam, FocusIssue.State.SET_ASIDE)).containsExactly("Damp homes");
        assertThat(titles(sam, FocusIssue.State.PROPOSED)).containsExactly("Food banks");
        assertThat(titles(sam, FocusIssue.State.STATE_UNSPECIFIED)).containsExactly("Bus fares", "Damp homes", "Food banks");
        assertThatThrownBy(() -> sam.createFocusIssue(CreateFocusIssueRequest.newBuilder().setParent(LEEDS)
                .setFocusIssue(FocusIssue.newBuilder().setTitle("x".repeat(201))).build()))
                .satisfies(e -> assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly("focus_issue.title"));
    }

    @Test
    void aProposalRetriedWithItsRequestIdIsMadeOnceAndAnotherBodyIsRefused() {
        String requestId = UUID.randomUUID().toString();
        CreateFocusIssueRequest request = CreateFocusIssueRequest.newBuilder().setParent(LEEDS).setRequestId(requestId)
                .setFocusIssue(FocusIssue.newBuilder().setTitle("Bus fares")).build();

        FocusIssue first = issues("sam").createFocusIssue(request);
        assertThat(issues("sam").createFocusIssue(request)).isEqualTo(first);
        assertThatThrownBy(() -> issues("sam").createFocusIssue(request.toBuilder()
                .setFocusIssue(FocusIssue.newBuilder().setTitle("Something else")).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "REQUEST_ID_REUSED"));
        assertThat(titles(issues("sam"), FocusIssue.State.STATE_UNSPECIFIED)).containsExactly("Bus fares");
    }

    // ---- experiments ----

    @Test
    void anExperimentMovesOnlyForwardAndAStoppedOneIsKeptAndListedByStatus() {
        var dev = experiments("dev");
        Experiment planned = dev.createExperiment(CreateExperimentRequest.newBuilder().setParent(LEEDS)
                .setExperiment(Experiment.newBuilder().setTitle("Saturday opening").setHypothesis("More working parents will come.")
                        .setChange("The advice centre opens 9 to 12 on Saturdays.").setLead("Sam and the centre manager")).build());
        Experiment other = dev.createExperiment(CreateExperimentRequest.newBuilder().setParent(LEEDS)
                .setExperiment(Experiment.newBuilder().setTitle("Plain letters").setHypothesis("Fewer people miss appointments.")
                        .setChange("Letters rewritten with members.").setLead("Dev")).build());

        assertThat(planned.getStatus()).isEqualTo(Experiment.Status.PLANNED);
        assertThatThrownBy(() -> dev.moveExperiment(moveTo(planned.getName(), Experiment.Status.STOPPED, "")))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "INVALID_STATUS_MOVE"));
        dev.moveExperiment(moveTo(planned.getName(), Experiment.Status.RUNNING, ""));
        assertThatThrownBy(() -> dev.moveExperiment(moveTo(planned.getName(), Experiment.Status.LEARNING_RECORDED, "")))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_EXPERIMENT_MOVE");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly("learning");
                });
        dev.moveExperiment(moveTo(planned.getName(), Experiment.Status.LEARNING_RECORDED, "Nobody came: Saturday is family time."));
        Experiment stopped = dev.moveExperiment(moveTo(planned.getName(), Experiment.Status.STOPPED, ""));

        assertThat(stopped.getStatus()).isEqualTo(Experiment.Status.STOPPED);
        assertThat(stopped.getLearning()).isEqualTo("Nobody came: Saturday is family time.");
        assertThat(experiments("sam").listExperiments(ListExperimentsRequest.newBuilder().setParent(LEEDS)
                .setStatus(Experiment.Status.STOPPED).build()).getExperimentsList()).containsExactly(stopped);
        assertThat(experiments("sam").listExperiments(ListExperimentsRequest.newBuilder().setParent(LEEDS).build())
                .getExperimentsList()).extracting(Experiment::getTitle).containsExactly("Saturday opening", "Plain letters");
        assertThat(experiments("sam").getExperiment(GetExperimentRequest.newBuilder().setName(other.getName()).build()).getStatus())
                .isEqualTo(Experiment.Status.PLANNED);
        assertThat(events(LEEDS)).extracting(CommissionEvent::getType).containsExactly("experiment.planned", "experiment.planned",
                "experiment.moved", "experiment.moved", "experiment.moved");
    }

    @Test
    void membersReadExperimentsButOnlyFacilitatorsPlanAndMoveThem() {
        Experiment planned = experiments("dev").createExperiment(CreateExperimentRequest.newBuilder().setParent(LEEDS)
                .setExperiment(Experiment.newBuilder().setTitle("Plain letters").setHypothesis("Fewer missed appointments.")
                        .setChange("Letters rewritten.").setLead("Dev")).build());

        assertThatThrownBy(() -> experiments("sam").moveExperiment(moveTo(planned.getName(), Experiment.Status.RUNNING, "")))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> experiments("priya").getExperiment(GetExperimentRequest.newBuilder().setName(planned.getName()).build()))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> experiments("dev").moveExperiment(moveTo(planned.getName(), Experiment.Status.RUNNING, "").toBuilder()
                .setEtag("\"99\"").build()))
                .satisfies(e -> assertStatus(e, Status.Code.ABORTED, "STALE_ETAG"));
        assertThat(experiments("sam").getExperiment(GetExperimentRequest.newBuilder().setName(planned.getName()).build()))
                .isEqualTo(planned);
    }

    private static MoveExperimentRequest moveTo(String name, Experiment.Status status, String learning) {
        return MoveExperimentRequest.newBuilder().setName(name).setStatus(status).setLearning(learning).build();
    }

    private CommissionExperimentsServiceBlockingStub experiments(String who) {
        return CommissionExperimentsServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token(who));
    }

    // ---- helpers ----

    private List<String> titles(CommissionFocusIssuesServiceBlockingStub stub, FocusIssue.State state) {
        return stub.listFocusIssues(ListFocusIssuesRequest.newBuilder().setParent(LEEDS).setState(state).build())
                .getFocusIssuesList().stream().map(FocusIssue::getTitle).toList();
    }

    private static DecideFocusIssueRequest decide(String name, DecideFocusIssueRequest.Outcome outcome, String how) {
        return DecideFocusIssueRequest.newBuilder().setName(name).setOutcome(outcome).setHowDecided(how).build();
    }

    static Session session(String title, Instant start, Instant end) {
        return Session.newBuilder()
                .setTitle(title)
                .setStartTime(timestamp(start))
                .setEndTime(timestamp(end))
                .setLocation(SessionLocation.newBuilder().setPlace("Room 2, St George's Centre, Leeds"))
                .setAccessibility(Accessibility.newBuilder()
                        .setStepFreeAccess(true).setHearingLoop(true).setQuietRoom(false)
                        .setInterpreter(Interpreter.newBuilder().setKind(Interpreter.Kind.OTHER_LANGUAGE).setLanguage("Polish"))
                        .setChildcareProvided(true).setTravelPaid(true).setFoodProvided(true))
                .build();
    }

    private static CreateSessionRequest create(String commission, Session session) {
        return CreateSessionRequest.newBuilder().setParent(commission).setSession(session).build();
    }

    private static GetSessionRequest get(String name) {
        return GetSessionRequest.newBuilder().setName(name).build();
    }

    private static UpdateSessionRequest retitle(Session session, String title) {
        return UpdateSessionRequest.newBuilder().setSession(session.toBuilder().setTitle(title))
                .setUpdateMask(FieldMask.newBuilder().addPaths("title")).build();
    }

    private static CancelSessionRequest cancel(String name, String reason) {
        return CancelSessionRequest.newBuilder().setName(name).setReason(reason).build();
    }

    private static RecordAttendanceRequest attendance(String session, String member, boolean attended, int minutes) {
        return RecordAttendanceRequest.newBuilder().setName(session + "/attendance/" + member)
                .setAttended(attended).setMinutes(minutes).build();
    }

    private static Timestamp timestamp(Instant instant) {
        return ProtoTime.timestamp(instant);
    }

    private List<CommissionEvent> events(String commission) {
        List<CommissionEvent> read = new ArrayList<>();
        CommissionEventsServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token("amara"))
                .watchEvents(WatchEventsRequest.newBuilder().setParent(commission).build())
                .forEachRemaining(read::add);
        return read;
    }

    private CommissionSessionsServiceBlockingStub sessions(String who) {
        return CommissionSessionsServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token(who));
    }

    private CommissionFocusIssuesServiceBlockingStub issues(String who) {
        return CommissionFocusIssuesServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token(who));
    }

    private static io.grpc.ClientInterceptor token(String who) {
        return Bearer.token(RealKeycloak.get().passwordToken(who, "demo-password"));
    }

    /** The person's sign-in subject, read from their token: until membership exists it is their member id. */
    static String subject(String who) {
        String payload = RealKeycloak.get().passwordToken(who, "demo-password").split("\\.")[1];
        String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        Matcher sub = Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!sub.find()) {
            throw new AssertionError("A token without a subject");
        }
        return sub.group(1);
    }

}
