package org.chorus.console.pages;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chorus.commissions.v1.Accessibility;
import org.chorus.commissions.v1.CommissionSessionsServiceGrpc;
import org.chorus.commissions.v1.CreateSessionRequest;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.commissions.v1.GetSessionRequest;
import org.chorus.commissions.v1.Interpreter;
import org.chorus.commissions.v1.Invitation;
import org.chorus.commissions.v1.ListSessionsRequest;
import org.chorus.commissions.v1.ListSessionsResponse;
import org.chorus.commissions.v1.RecordAttendanceRequest;
import org.chorus.commissions.v1.ReplyToInvitationRequest;
import org.chorus.commissions.v1.Session;
import org.chorus.commissions.v1.SessionLocation;
import org.chorus.console.platform.ContractAccess;
import org.chorus.console.platform.FormErrors;
import org.chorus.console.platform.Platform;
import org.chorus.console.text.Dates;
import org.chorus.console.text.TimeOfDay;
import org.chorus.identity.Caller;
import org.chorus.identity.KeycloakCallers;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A commission's sessions: the list, planning one, and one session with its attendance and replies. */
@Controller
public class SessionsController {

    /** Which part of CreateSession's request each form field fills, for the platform's field violations. */
    private static final Map<String, String> SESSION_FIELDS = Map.of(
            "session.title", "title",
            "session.start_time", "day",
            "session.end_time", "endTime",
            "session.location", "place",
            "session.location.online_link", "onlineLink",
            "session.accessibility.interpreter", "interpreter",
            "session.accessibility.interpreter.language", "language");

    /** The plan-a-session form as typed. The request id makes a second press of the button harmless. */
    public record SessionForm(String title, String day, String month, String year, String startTime, String endTime,
                              String place, String onlineLink, Boolean stepFree, Boolean hearingLoop, Boolean quietRoom,
                              Boolean childcare, Boolean travelPaid, Boolean foodProvided, String interpreter,
                              String language, String requestId) {

        static SessionForm empty() {
            return new SessionForm("", "", "", "", "", "", "", "", false, false, false, false, true, true, "NONE", "",
                    UUID.randomUUID().toString());
        }

        SessionForm again() {
            return new SessionForm(title, day, month, year, startTime, endTime, place, onlineLink, stepFree, hearingLoop,
                    quietRoom, childcare, travelPaid, foodProvided, interpreter, language, UUID.randomUUID().toString());
        }

        static boolean on(Boolean box) {
            return Boolean.TRUE.equals(box);
        }
    }

    /** One session in the list. */
    public record SessionRow(String id, String title, boolean cancelled, Timestamp startTime, Timestamp endTime) {
    }

    /** One of the "what will be there" boxes, as the form shows it. */
    public record Box(String name, boolean ticked) {
    }

    private final Platform platform;
    private final SessionPage sessionPage;
    private final MessageSource messages;

    public SessionsController(Platform platform, SessionPage sessionPage, MessageSource messages) {
        this.platform = platform;
        this.sessionPage = sessionPage;
        this.messages = messages;
    }

    @GetMapping("/commissions/{commissionId}/sessions")
    public String sessions(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId,
                           @RequestParam(name = "page", required = false) String pageToken, Model model) {
        return renderList(KeycloakCallers.from(jwt), commissionId, pageToken, SessionForm.empty(), FormErrors.none(), model);
    }

    @PostMapping("/commissions/{commissionId}/sessions")
    public String planSession(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, SessionForm form,
                              Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        FormErrors errors = FormErrors.none();
        if (HomeController.blank(form.title())) {
            errors.add("title", text("sessions.plan.title.missing"));
        }
        Optional<LocalDate> day = day(form);
        if (day.isEmpty()) {
            errors.add("day", text("sessions.plan.day.invalid"));
        }
        Optional<LocalTime> start = TimeOfDay.parse(form.startTime());
        if (start.isEmpty()) {
            errors.add("startTime", text("sessions.plan.start.invalid"));
        }
        Optional<LocalTime> end = TimeOfDay.parse(form.endTime());
        if (end.isEmpty()) {
            errors.add("endTime", text("sessions.plan.end.invalid"));
        }
        boolean hasPlace = !HomeController.blank(form.place());
        boolean hasLink = !HomeController.blank(form.onlineLink());
        if (hasPlace == hasLink) {
            errors.add("place", text("sessions.plan.place.missing"));
        }
        if ("OTHER_LANGUAGE".equals(form.interpreter()) && HomeController.blank(form.language())) {
            errors.add("language", text("sessions.plan.language.missing"));
        }
        if (!errors.isEmpty()) {
            return renderList(caller, commissionId, null, form, errors, model);
        }
        Session.Builder session = Session.newBuilder()
                .setTitle(form.title().strip())
                .setStartTime(timestamp(day.get(), start.get()))
                .setEndTime(timestamp(day.get(), end.get()))
                .setLocation(hasPlace
                        ? SessionLocation.newBuilder().setPlace(form.place().strip())
                        : SessionLocation.newBuilder().setOnlineLink(form.onlineLink().strip()))
                .setAccessibility(Accessibility.newBuilder()
                        .setStepFreeAccess(SessionForm.on(form.stepFree()))
                        .setHearingLoop(SessionForm.on(form.hearingLoop()))
                        .setQuietRoom(SessionForm.on(form.quietRoom()))
                        .setChildcareProvided(SessionForm.on(form.childcare()))
                        .setTravelPaid(SessionForm.on(form.travelPaid()))
                        .setFoodProvided(SessionForm.on(form.foodProvided()))
                        .setInterpreter(interpreter(form)));
        try {
            Session planned = platform.sessions().createSession(CreateSessionRequest.newBuilder()
                    .setParent(Names.commission(commissionId))
                    .setSession(session)
                    .setRequestId(HomeController.blank(form.requestId()) ? UUID.randomUUID().toString() : form.requestId())
                    .build());
            return "redirect:/commissions/" + commissionId + "/sessions/" + Names.id(planned.getName());
        } catch (StatusRuntimeException refusal) {
            FormErrors fromPlatform = FormErrors.from(refusal, SESSION_FIELDS, "title").orElseThrow(() -> refusal);
            return renderList(caller, commissionId, null, form.again(), fromPlatform, model);
        }
    }

    @GetMapping("/commissions/{commissionId}/sessions/{sessionId}")
    public String session(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, @PathVariable String sessionId,
                          @RequestParam(name = "saved", required = false) String saved, Model model) {
        return sessionPage.render(KeycloakCallers.from(jwt), commissionId, sessionId, saved, SessionPage.InvitationForms.empty(),
                FormErrors.none(), model);
    }

    /**
     * The register for the whole room in one submit: a person ticked who was not recorded as there is
     * recorded as there; a person recorded as there and now unticked is recorded as not there. Nobody else
     * is written, so pressing the button twice changes nothing the second time.
     */
    @PostMapping("/commissions/{commissionId}/sessions/{sessionId}/attendance")
    public String recordAttendance(@PathVariable String commissionId, @PathVariable String sessionId,
                                   @RequestParam(name = "shown", required = false) List<String> shown,
                                   @RequestParam(name = "present", required = false) List<String> present) {
        Set<String> inForm = new HashSet<>(shown == null ? List.of() : shown);
        Set<String> ticked = new HashSet<>(present == null ? List.of() : present);
        Session session = platform.sessions().getSession(GetSessionRequest.newBuilder()
                .setName(Names.session(commissionId, sessionId)).build());
        int sessionMinutes = sessionMinutes(session);
        Map<String, Boolean> recorded = sessionPage.recordedAttendance(commissionId, sessionId);
        for (String memberId : inForm) {
            boolean there = ticked.contains(memberId);
            Boolean before = recorded.get(memberId);
            if ((before == null && !there) || Boolean.valueOf(there).equals(before)) {
                continue;
            }
            platform.sessions().recordAttendance(RecordAttendanceRequest.newBuilder()
                    .setName(Names.session(commissionId, sessionId) + "/attendance/" + memberId)
                    .setAttended(there)
                    .setMinutes(there ? sessionMinutes : 0)
                    .build());
        }
        return "redirect:/commissions/" + commissionId + "/sessions/" + sessionId + "?saved=attendance";
    }

    /** A member says whether they came: the whole session's time when they did (RecordAttendance, "own"). */
    @PostMapping("/commissions/{commissionId}/sessions/{sessionId}/my-attendance")
    public String recordOwnAttendance(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId,
                                      @PathVariable String sessionId, @RequestParam(name = "came", required = false) String came) {
        if (!"yes".equals(came) && !"no".equals(came)) {
            return "redirect:/commissions/" + commissionId + "/sessions/" + sessionId;
        }
        Session session = platform.sessions().getSession(GetSessionRequest.newBuilder()
                .setName(Names.session(commissionId, sessionId)).build());
        boolean there = "yes".equals(came);
        platform.sessions().recordAttendance(RecordAttendanceRequest.newBuilder()
                .setName(SessionPage.ownAttendance(commissionId, sessionId, KeycloakCallers.from(jwt)))
                .setAttended(there)
                .setMinutes(there ? sessionMinutes(session) : 0)
                .build());
        return "redirect:/commissions/" + commissionId + "/sessions/" + sessionId + "?saved=ownAttendance";
    }

    @PostMapping("/commissions/{commissionId}/sessions/{sessionId}/reply")
    public String reply(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, @PathVariable String sessionId,
                        @RequestParam(name = "reply", required = false) String reply) {
        if (reply == null) {
            // Nothing was chosen: the page again, as it was (the radios keep the reply saved before).
            return "redirect:/commissions/" + commissionId + "/sessions/" + sessionId;
        }
        Invitation.Reply answer = SessionPage.reply(reply);
        Invitation own = sessionPage.ownInvitation(KeycloakCallers.from(jwt), commissionId, sessionId)
                .orElseThrow(() -> Status.NOT_FOUND.asRuntimeException());
        platform.invitations().replyToInvitation(ReplyToInvitationRequest.newBuilder()
                .setName(own.getName()).setReply(answer).setEtag(own.getEtag()).build());
        return "redirect:/commissions/" + commissionId + "/sessions/" + sessionId + "?saved=reply";
    }

    private String renderList(Caller caller, String commissionId, String pageToken, SessionForm form, FormErrors errors,
                              Model model) {
        var commissions = platform.commissions();
        var sessions = platform.sessions();
        List<Object> answers = SideBySide.all(List.of(
                () -> commissions.getCommission(GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()),
                () -> sessions.listSessions(ListSessionsRequest.newBuilder().setParent(Names.commission(commissionId))
                        .setPageSize(CommissionController.LIST_SIZE).setPageToken(pageToken == null ? "" : pageToken).build())));
        ListSessionsResponse page = (ListSessionsResponse) answers.get(1);
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", answers.get(0));
        model.addAttribute("sessions", page.getSessionsList().stream()
                .map(s -> new SessionRow(Names.id(s.getName()), s.getTitle(), s.getState() == Session.State.CANCELLED,
                        s.getStartTime(), s.getEndTime()))
                .toList());
        model.addAttribute("boxes", List.of(
                new Box("stepFree", SessionForm.on(form.stepFree())),
                new Box("hearingLoop", SessionForm.on(form.hearingLoop())),
                new Box("quietRoom", SessionForm.on(form.quietRoom())),
                new Box("childcare", SessionForm.on(form.childcare())),
                new Box("travelPaid", SessionForm.on(form.travelPaid())),
                new Box("foodProvided", SessionForm.on(form.foodProvided()))));
        model.addAttribute("nextPage", page.getNextPageToken());
        model.addAttribute("mayPlan", ContractAccess.allows(caller, CommissionSessionsServiceGrpc.getCreateSessionMethod(), commissionId));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "sessions";
    }

    /**
     * The time a person who came gives: the whole session (RecordAttendance wants more than 0 minutes for
     * someone who came, 0 for someone who did not).
     */
    static int sessionMinutes(Session session) {
        long seconds = session.getEndTime().getSeconds() - session.getStartTime().getSeconds();
        return (int) Math.max(1, seconds / 60);
    }

    private static Optional<LocalDate> day(SessionForm form) {
        return Dates.typedDay(form.day(), form.month(), form.year());
    }

    private static Timestamp timestamp(LocalDate day, LocalTime time) {
        ZonedDateTime at = ZonedDateTime.of(day, time, Dates.UK);
        return Timestamp.newBuilder().setSeconds(at.toEpochSecond()).build();
    }

    private static Interpreter interpreter(SessionForm form) {
        Interpreter.Kind kind = switch (form.interpreter() == null ? "NONE" : form.interpreter()) {
            case "BSL" -> Interpreter.Kind.BSL;
            case "OTHER_LANGUAGE" -> Interpreter.Kind.OTHER_LANGUAGE;
            default -> Interpreter.Kind.NONE;
        };
        Interpreter.Builder interpreter = Interpreter.newBuilder().setKind(kind);
        if (kind == Interpreter.Kind.OTHER_LANGUAGE) {
            interpreter.setLanguage(form.language().strip());
        }
        return interpreter.build();
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
