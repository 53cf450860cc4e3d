package org.chorus.commissions.session;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.chorus.commissions.registry.CommissionWriteService;
import org.chorus.commissions.v1.AttendanceRecorded;
import org.chorus.commissions.v1.SessionCancelled;
import org.chorus.commissions.v1.SessionFacts;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.events.EventOutbox;
import org.chorus.platform.events.NewEvent;
import org.chorus.platform.members.CommissionMembers;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.names.RandomIds;
import org.chorus.platform.paging.PageTokens.Page;
import org.chorus.platform.paging.PageTokens.TimeAndId;
import org.chorus.platform.paging.PageTokens;
import org.chorus.platform.requests.CreateRequests;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.stereotype.Service;

/**
 * The use cases of sessions and attendance. Every change writes its event to the commission's
 * outbox in the same transaction.
 */
@Service
public class SessionService {

    static final int DEFAULT_PAGE_SIZE = 25;
    private static final Set<Role> FACILITATORS = Set.of(Role.FACILITATOR);

    private final SessionRepository sessions;
    private final CommissionMembers members;
    private final EventOutbox outbox;
    private final CommissionTransactions transactions;
    private final CommissionWriteService writes;
    private final CreateRequests requests;
    private final Clock clock;

    public SessionService(SessionRepository sessions, CommissionMembers members, EventOutbox outbox,
                          CommissionTransactions transactions, CommissionWriteService writes, CreateRequests requests, Clock clock) {
        this.sessions = sessions;
        this.members = members;
        this.outbox = outbox;
        this.transactions = transactions;
        this.writes = writes;
        this.requests = requests;
        this.clock = clock;
    }

    /**
     * Creates a session. A retry with the same request id returns the session it made; the same id
     * with a different request is refused.
     */
    public Session create(Caller caller, CommissionId commission, SessionFields fields, UUID requestId) {
        requireFacilitator(caller, commission, "create sessions");
        if (!fields.fields().containsAll(SessionFields.REQUIRED_ON_CREATE)) {
            throw new IllegalArgumentException("A new session needs " + SessionFields.REQUIRED_ON_CREATE);
        }
        return writes.inOpenCommission(caller, commission, () -> {
            if (requestId != null) {
                var earlier = requests.madeEarlier(requestId, fields.fingerprint());
                if (earlier.isPresent()) {
                    return sessions.find(CreateRequests.idOf(earlier.get())).orElseThrow(() -> new IllegalStateException("A remembered session is missing: " + earlier.get()));
                }
            }
            Instant now = now();
            Session session = Session.create(newId(fields.startTime()), fields, caller.subject(), now);
            sessions.insert(session);
            String name = session.resourceName(commission);
            outbox.append(new NewEvent("session.created", name, caller.subject(), now, facts(session).build()));
            if (requestId != null) {
                requests.remember(requestId, fields.fingerprint(), name);
            }
            return session;
        });
    }

    public Session get(Caller caller, CommissionId commission, String sessionId) {
        return transactions.inCommission(caller, commission.value(), () -> sessions.find(sessionId).orElseThrow(SessionService::noSession));
    }

    /**
     * One page of the sessions that start in {@code [from, to)}, in start order, and the token of the
     * next page (empty on the last).
     */
    public Page<Session> list(Caller caller, CommissionId commission, Instant from, Instant to, int pageSize, String pageToken) {
        if (from != null && to != null && !to.isAfter(from)) {
            throw ChorusException.invalid("INVALID_DATE_RANGE", "end_time",
                    "The end of the date range must be after its start.");
        }
        return PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken, "sessions:" + commission.value() + ":" + from + ":" + to,
                session -> TimeAndId.key(session.startTime(), session.id()),
                (key, limit) -> {
                    TimeAndId after = TimeAndId.of(key);
                    return transactions.inCommission(caller, commission.value(), () -> sessions.list(from, to,
                            after == null ? null : after.time(), after == null ? null : after.id(), limit));
                });
    }

    /** Changes a session. Only the commission's facilitators and coordinators. */
    public Session update(Caller caller, CommissionId commission, String sessionId, SessionFields change, String etag) {
        requireFacilitator(caller, commission, "change sessions");
        return writes.inOpenCommission(caller, commission, () -> {
            Session current = sessions.lock(sessionId).orElseThrow(SessionService::noSession);
            current.checkEtag(etag);
            Instant now = now();
            Session updated = current.apply(change, caller.subject(), now);
            sessions.update(updated);
            var payload = facts(updated)
                    .addAllChanged(change.fields().stream().map(f -> f.name().toLowerCase(java.util.Locale.ROOT)).toList());
            outbox.append(new NewEvent("session.updated", updated.resourceName(commission), caller.subject(), now, payload.build()));
            return updated;
        });
    }

    /** Cancels a session, keeping it. Only the commission's facilitators and coordinators. */
    public Session cancel(Caller caller, CommissionId commission, String sessionId, String reason, String etag) {
        requireFacilitator(caller, commission, "cancel sessions");
        return writes.inOpenCommission(caller, commission, () -> {
            Session current = sessions.lock(sessionId).orElseThrow(SessionService::noSession);
            current.checkEtag(etag);
            Instant now = now();
            Session cancelled = current.cancel(reason, now);
            sessions.update(cancelled);
            outbox.append(new NewEvent("session.cancelled", cancelled.resourceName(commission), caller.subject(), now,
                    SessionCancelled.newBuilder().setReason(cancelled.cancelReason()).build()));
            return cancelled;
        });
    }

    /**
     * Records whether a person came. People in the commission record their own; facilitators and
     * coordinators record anyone's on their behalf.
     *
     * <p>Attendance is recorded only for people in the commission: someone recording their own must
     * hold a role in it (their token says so); a facilitator recording for someone else names a
     * person the membership service says holds an active role in it, asked before the transaction
     * so no database connection waits on another service.
     */
    public Attendance recordAttendance(Caller caller, CommissionId commission, String sessionId, AttendanceRecording recording) {
        boolean self = recording.member().equals(caller.subject());
        if (self && caller.rolesIn(commission.value()).isEmpty()) {
            throw ChorusException.failedPrecondition("NOT_IN_COMMISSION", "Attendance is recorded only for people in this "
                    + "commission, and you do not hold a role in it. Ask a facilitator to add you first.");
        }
        if (!self && !caller.holdsAnyIn(commission.value(), FACILITATORS)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED",
                    "You can record your own attendance. Only facilitators can record it for someone else.");
        }
        if (!self && !members.isInCommission(commission, recording.member())) {
            throw ChorusException.failedPrecondition("NOT_IN_COMMISSION", "This person is not in this commission, so their "
                    + "attendance cannot be recorded here. Check who they are, or add them to the commission first.");
        }
        return writes.inOpenCommission(caller, commission, () -> {
            // The session's lock first: a cancellation and a recording take turns.
            Session session = sessions.lock(sessionId).orElseThrow(SessionService::noSession);
            Instant now = now();
            session.checkAttendance(recording, now);
            Attendance previous = sessions.lockAttendance(sessionId, recording.member()).orElse(null);
            if (previous != null && recording.etag() == null && previous.sameAs(recording, caller.subject())) {
                return previous;
            }
            Attendance recorded = Attendance.record(previous, sessionId, recording, caller.subject(), now);
            sessions.saveAttendance(recorded);
            var payload = AttendanceRecorded.newBuilder()
                    .setSession(session.resourceName(commission))
                    .setMember(recorded.member())
                    .setAttended(recorded.attended())
                    .setMinutes(recorded.minutes())
                    .setRecordedOnBehalf(recorded.recordedOnBehalf())
                    .setSessionStartTime(session.startTime().toString())
                    .build();
            outbox.append(new NewEvent("session.attendance_recorded", recorded.resourceName(commission), caller.subject(), now, payload));
            return recorded;
        });
    }

    /** One person's attendance: their own, or anyone's for facilitators and coordinators. */
    public Attendance getAttendance(Caller caller, CommissionId commission, String sessionId, String member) {
        if (!member.equals(caller.subject()) && !caller.holdsAnyIn(commission.value(), FACILITATORS)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED",
                    "You can see your own attendance. Only facilitators can see other people's.");
        }
        return transactions.inCommission(caller, commission.value(), () -> {
            sessions.find(sessionId).orElseThrow(SessionService::noSession);
            return sessions.findAttendance(sessionId, member).orElseThrow(() -> ChorusException.notFound("NO_ATTENDANCE",
                    "No attendance has been recorded for this person at this session yet."));
        });
    }

    /** One page of a session's attendance in member order: everyone's for facilitators and coordinators, else the caller's own. */
    public Page<Attendance> listAttendance(Caller caller, CommissionId commission, String sessionId, int pageSize, String pageToken) {
        String only = caller.holdsAnyIn(commission.value(), FACILITATORS) ? null : caller.subject();
        return PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken,
                "attendance:" + commission.value() + ":" + sessionId + ":" + (only == null ? "*" : only),
                Attendance::member,
                (after, limit) -> transactions.inCommission(caller, commission.value(), () -> {
                    sessions.find(sessionId).orElseThrow(SessionService::noSession);
                    return sessions.listAttendance(sessionId, after, only, limit);
                }));
    }

    /** The facts reporting needs about a session, without its notes. */
    private static SessionFacts.Builder facts(Session session) {
        return SessionFacts.newBuilder()
                .setTitle(session.title())
                .setStartTime(session.startTime().toString())
                .setEndTime(session.endTime().toString())
                .setOnline(session.location().isOnline())
                .setState(session.state().name())
                .setAccessibility(accessibility(session.accessibility()));
    }

    /** A session's accessibility as the contract has it: in the session, and in its events for reporting. */
    static org.chorus.commissions.v1.Accessibility accessibility(Accessibility a) {
        return org.chorus.commissions.v1.Accessibility.newBuilder()
                .setStepFreeAccess(a.stepFreeAccess())
                .setHearingLoop(a.hearingLoop())
                .setQuietRoom(a.quietRoom())
                .setInterpreter(org.chorus.commissions.v1.Interpreter.newBuilder()
                        .setKind(switch (a.interpreter()) {
                            case NONE -> org.chorus.commissions.v1.Interpreter.Kind.NONE;
                            case BSL -> org.chorus.commissions.v1.Interpreter.Kind.BSL;
                            case OTHER_LANGUAGE -> org.chorus.commissions.v1.Interpreter.Kind.OTHER_LANGUAGE;
                        })
                        .setLanguage(a.interpreterLanguage()))
                .setChildcareProvided(a.childcareProvided())
                .setTravelPaid(a.travelPaid())
                .setFoodProvided(a.foodProvided())
                .build();
    }

    /** A readable id that sorts by date, with a random part so sessions on one day do not clash: s-2026-03-14-7f3a9c01d2e4. */
    private static String newId(Instant start) {
        return "s-" + start.atOffset(ZoneOffset.UTC).toLocalDate() + "-" + RandomIds.next();
    }

    private static ChorusException noSession() {
        return ChorusException.notFound("NO_SESSION", "There is no such session in this commission.");
    }

    /** Object-level check, whatever the access policy said. */
    private static void requireFacilitator(Caller caller, CommissionId commission, String what) {
        if (!caller.holdsAnyIn(commission.value(), FACILITATORS)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the commission's facilitators can " + what + ".");
        }
    }

    private Instant now() {
        // PostgreSQL keeps microseconds: what a change returns must equal what a read gives later.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
