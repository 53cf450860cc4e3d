package org.chorus.commissions.session;

import static org.chorus.platform.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.chorus.commissions.session.SessionFields.Field;
import org.chorus.commissions.session.SessionNames.AttendanceName;
import org.chorus.commissions.session.SessionNames.SessionName;
import org.chorus.commissions.v1.CancelSessionRequest;
import org.chorus.commissions.v1.CommissionSessionsServiceGrpc;
import org.chorus.commissions.v1.CreateSessionRequest;
import org.chorus.commissions.v1.GetAttendanceRequest;
import org.chorus.commissions.v1.GetSessionRequest;
import org.chorus.commissions.v1.Interpreter;
import org.chorus.commissions.v1.ListAttendanceRequest;
import org.chorus.commissions.v1.ListAttendanceResponse;
import org.chorus.commissions.v1.ListSessionsRequest;
import org.chorus.commissions.v1.ListSessionsResponse;
import org.chorus.commissions.v1.RecordAttendanceRequest;
import org.chorus.commissions.v1.UpdateSessionRequest;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.protos.UpdateMasks;
import org.chorus.platform.requests.RequestIds;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** The sessions' gRPC adapter: maps the contract (field masks included) to the use cases and back, nothing else. */
@GrpcService
class SessionGrpcService extends CommissionSessionsServiceGrpc.CommissionSessionsServiceImplBase {

    /** The fields that can change, in the order the contract lists them; each is a {@link Field} by name. */
    private static final List<String> CHANGEABLE =
            List.of("title", "start_time", "end_time", "location", "accessibility", "notes", "notes_consent");

    private final SessionService sessions;

    SessionGrpcService(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public void createSession(CreateSessionRequest request, StreamObserver<org.chorus.commissions.v1.Session> response) {
        CommissionId commission = CommissionId.parse(request.getParent(), "parent");
        UUID requestId = RequestIds.requestId(request.getRequestId());
        var sent = request.getSession();
        Set<Field> fields = EnumSet.copyOf(SessionFields.REQUIRED_ON_CREATE);
        if (!sent.getNotes().isEmpty()) {
            fields.add(Field.NOTES);
        }
        if (sent.hasNotesConsent()) {
            fields.add(Field.NOTES_CONSENT);
        }
        reply(response, toProto(commission, sessions.create(Callers.current(), commission, fields(fields, sent), requestId)));
    }

    @Override
    public void getSession(GetSessionRequest request, StreamObserver<org.chorus.commissions.v1.Session> response) {
        SessionName name = SessionNames.session(request.getName(), "name");
        reply(response, toProto(name.commission(), sessions.get(Callers.current(), name.commission(), name.session())));
    }

    @Override
    public void listSessions(ListSessionsRequest request, StreamObserver<ListSessionsResponse> response) {
        CommissionId commission = CommissionId.parse(request.getParent(), "parent");
        var page = sessions.list(Callers.current(), commission,
                request.hasStartTime() ? ProtoTime.instant(request.getStartTime(), "INVALID_DATE_RANGE", "start_time", "the start") : null,
                request.hasEndTime() ? ProtoTime.instant(request.getEndTime(), "INVALID_DATE_RANGE", "end_time", "the end") : null,
                request.getPageSize(), request.getPageToken());
        var list = ListSessionsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(s -> list.addSessions(toProto(commission, s)));
        reply(response, list.build());
    }

    @Override
    public void updateSession(UpdateSessionRequest request, StreamObserver<org.chorus.commissions.v1.Session> response) {
        var sent = request.getSession();
        SessionName name = SessionNames.session(sent.getName(), "session.name");
        Set<Field> fields = EnumSet.noneOf(Field.class);
        UpdateMasks.paths(request.getUpdateMask(), sent, CHANGEABLE)
                .forEach(path -> fields.add(Field.valueOf(path.toUpperCase(Locale.ROOT))));
        reply(response, toProto(name.commission(), sessions.update(Callers.current(), name.commission(), name.session(),
                fields(fields, sent), sent.getEtag())));
    }

    @Override
    public void cancelSession(CancelSessionRequest request, StreamObserver<org.chorus.commissions.v1.Session> response) {
        SessionName name = SessionNames.session(request.getName(), "name");
        reply(response, toProto(name.commission(), sessions.cancel(Callers.current(), name.commission(), name.session(),
                request.getReason(), request.getEtag())));
    }

    @Override
    public void recordAttendance(RecordAttendanceRequest request, StreamObserver<org.chorus.commissions.v1.Attendance> response) {
        AttendanceName name = SessionNames.attendance(request.getName(), "name");
        AttendanceRecording recording = AttendanceRecording.of(name.member(), request.getAttended(), request.getMinutes(),
                request.getEtag());
        reply(response, toProto(name.commission(), sessions.recordAttendance(Callers.current(), name.commission(),
                name.session(), recording)));
    }

    @Override
    public void getAttendance(GetAttendanceRequest request, StreamObserver<org.chorus.commissions.v1.Attendance> response) {
        AttendanceName name = SessionNames.attendance(request.getName(), "name");
        reply(response, toProto(name.commission(), sessions.getAttendance(Callers.current(), name.commission(),
                name.session(), name.member())));
    }

    @Override
    public void listAttendance(ListAttendanceRequest request, StreamObserver<ListAttendanceResponse> response) {
        SessionName parent = SessionNames.session(request.getParent(), "parent");
        var page = sessions.listAttendance(Callers.current(), parent.commission(), parent.session(),
                request.getPageSize(), request.getPageToken());
        var list = ListAttendanceResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(a -> list.addAttendances(toProto(parent.commission(), a)));
        reply(response, list.build());
    }

    private static SessionFields fields(Set<Field> fields, org.chorus.commissions.v1.Session sent) {
        var location = sent.getLocation();
        var access = sent.getAccessibility();
        Accessibility accessibility = !sent.hasAccessibility() ? null : new Accessibility(access.getStepFreeAccess(),
                access.getHearingLoop(), access.getQuietRoom(), interpreter(access.getInterpreter().getKind()),
                access.getInterpreter().getLanguage(), access.getChildcareProvided(), access.getTravelPaid(),
                access.getFoodProvided());
        return SessionFields.of(fields, sent.getTitle(),
                sent.hasStartTime() ? ProtoTime.instant(sent.getStartTime(), "INVALID_SESSION", "session.start_time", "the start time") : null,
                sent.hasEndTime() ? ProtoTime.instant(sent.getEndTime(), "INVALID_SESSION", "session.end_time", "the end time") : null,
                location.hasPlace() ? location.getPlace() : null,
                location.hasOnlineLink() ? location.getOnlineLink() : null,
                accessibility, sent.getNotes(), sent.getNotesConsent().getGroupAgreed());
    }

    private static Accessibility.Interpreter interpreter(Interpreter.Kind kind) {
        // By name, not a switch: a switch over a generated enum compiles to a helper class outside this adapter.
        return kind == Interpreter.Kind.KIND_UNSPECIFIED || kind == Interpreter.Kind.UNRECOGNIZED
                ? null : Accessibility.Interpreter.valueOf(kind.name());
    }

    private static org.chorus.commissions.v1.Session toProto(CommissionId commission, Session s) {
        Accessibility a = s.accessibility();
        var location = org.chorus.commissions.v1.SessionLocation.newBuilder();
        if (s.location().isOnline()) {
            location.setOnlineLink(s.location().onlineLink());
        } else {
            location.setPlace(s.location().place());
        }
        var consent = org.chorus.commissions.v1.NotesConsent.newBuilder()
                .setGroupAgreed(s.notesConsent().groupAgreed())
                .setRecordedBy(s.notesConsent().recordedBy());
        if (s.notesConsent().recordTime() != null) {
            consent.setRecordTime(ProtoTime.timestamp(s.notesConsent().recordTime()));
        }
        return org.chorus.commissions.v1.Session.newBuilder()
                .setName(s.resourceName(commission))
                .setTitle(s.title())
                .setStartTime(ProtoTime.timestamp(s.startTime()))
                .setEndTime(ProtoTime.timestamp(s.endTime()))
                .setLocation(location)
                .setAccessibility(SessionService.accessibility(a))
                .setNotes(s.notes())
                .setNotesConsent(consent)
                .setState(switch (s.state()) {
                    case SCHEDULED -> org.chorus.commissions.v1.Session.State.SCHEDULED;
                    case CANCELLED -> org.chorus.commissions.v1.Session.State.CANCELLED;
                })
                .setCancelReason(s.cancelReason())
                .setCreatedBy(s.createdBy())
                .setCreateTime(ProtoTime.timestamp(s.createTime()))
                .setUpdateTime(ProtoTime.timestamp(s.updateTime()))
                .setEtag(s.etag())
                .build();
    }

    private static org.chorus.commissions.v1.Attendance toProto(CommissionId commission, Attendance a) {
        return org.chorus.commissions.v1.Attendance.newBuilder()
                .setName(a.resourceName(commission))
                .setMember(a.member())
                .setAttended(a.attended())
                .setMinutes(a.minutes())
                .setRecordedBy(a.recordedBy())
                .setRecordedOnBehalf(a.recordedOnBehalf())
                .setRecordTime(ProtoTime.timestamp(a.recordTime()))
                .setEtag(a.etag())
                .build();
    }


}
