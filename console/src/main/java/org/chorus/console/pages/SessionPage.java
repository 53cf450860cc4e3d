package org.chorus.console.pages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chorus.commissions.v1.Attendance;
import org.chorus.commissions.v1.CommissionInvitationsServiceGrpc;
import org.chorus.commissions.v1.CommissionSessionsServiceGrpc;
import org.chorus.commissions.v1.GetAttendanceRequest;
import org.chorus.commissions.v1.GetSessionRequest;
import org.chorus.commissions.v1.Invitation;
import org.chorus.commissions.v1.ListAttendanceRequest;
import org.chorus.commissions.v1.ListAttendanceResponse;
import org.chorus.commissions.v1.ListInvitationsRequest;
import org.chorus.commissions.v1.ListInvitationsResponse;
import org.chorus.commissions.v1.Session;
import org.chorus.console.platform.ContractAccess;
import org.chorus.console.platform.FormErrors;
import org.chorus.console.platform.Platform;
import org.chorus.identity.Caller;
import org.chorus.membership.v1.Member;
import org.chorus.membership.v1.MembershipServiceGrpc;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * One session's page, drawn in one place for every form on it: what the session is; for facilitators who is
 * invited with each reply, inviting more people, recording a reply for someone, and the register; for a member
 * their own reply and, once it started, whether they came.
 */
@Component
public class SessionPage {

    /** What the page may say was saved, from its {@code saved} parameter. */
    static final Set<String> SAVED = Set.of("attendance", "reply", "ownAttendance", "invited", "replyFor");

    /** One person in the attendance form: their member id (never their name) is what the form sends back. */
    public record AttendanceRow(String memberId, String displayName, boolean attended) {
    }

    /** Someone in the commission, as the invite form lists them. */
    public record Person(String memberId, String name) {
    }

    /** One invitation as a facilitator sees it: whether someone else (a facilitator) recorded the reply for them. */
    public record InvitationRow(String memberId, String name, String reply, boolean repliedOnBehalf, String etag) {
    }

    /** The invitation forms as typed, kept when one comes back with its errors. */
    public record InvitationForms(List<String> invite, String replyMember, String reply) {

        static InvitationForms empty() {
            return new InvitationForms(List.of(), null, null);
        }
    }

    private final Platform platform;
    private final MessageSource messages;

    SessionPage(Platform platform, MessageSource messages) {
        this.platform = platform;
        this.messages = messages;
    }

    String render(Caller caller, String commissionId, String sessionId, String saved, InvitationForms typed, FormErrors errors,
                  Model model) {
        Session session = platform.sessions().getSession(GetSessionRequest.newBuilder()
                .setName(Names.session(commissionId, sessionId)).build());
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("sessionId", sessionId);
        model.addAttribute("meeting", session);
        model.addAttribute("saved", Outcomes.known(saved, SAVED));
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        boolean cancelled = session.getState() == Session.State.CANCELLED;
        // Nobody's attendance can be recorded for a cancelled session (the platform refuses), so no register is offered.
        boolean manages = ContractAccess.allows(caller, MembershipServiceGrpc.getListMembersMethod(), commissionId);
        boolean takesRegister = !cancelled && manages
                && ContractAccess.allows(caller, CommissionSessionsServiceGrpc.getRecordAttendanceMethod(), commissionId);
        model.addAttribute("takesRegister", takesRegister);
        List<Member> members = manages ? CommissionController.allMembers(platform, commissionId) : List.of();
        if (takesRegister) {
            model.addAttribute("register", register(members, recordedAttendance(commissionId, sessionId)));
        }
        boolean seesInvitations = manages
                && ContractAccess.allows(caller, CommissionInvitationsServiceGrpc.getReplyToInvitationMethod(), commissionId);
        model.addAttribute("seesInvitations", seesInvitations);
        if (seesInvitations) {
            addInvitations(caller, commissionId, sessionId, open(session), members, model);
        }
        Invitation own = null;
        if (!manages && ContractAccess.allows(caller, CommissionInvitationsServiceGrpc.getListInvitationsMethod(), commissionId)) {
            own = ownInvitation(caller, commissionId, sessionId).orElse(null);
        }
        model.addAttribute("invitation", own);
        // A member records their own attendance once the session has started (RecordAttendance: "own").
        boolean recordsOwn = !takesRegister && !cancelled
                && session.getStartTime().getSeconds() <= Instant.now().getEpochSecond()
                && ContractAccess.allows(caller, CommissionSessionsServiceGrpc.getRecordAttendanceMethod(), commissionId);
        model.addAttribute("recordsOwn", recordsOwn);
        if (recordsOwn) {
            Attendance mine = SideBySide.orNothing(() -> platform.sessions().getAttendance(GetAttendanceRequest.newBuilder()
                    .setName(ownAttendance(commissionId, sessionId, caller)).build()));
            model.addAttribute("came", mine == null ? null : mine.getAttended());
        }
        return "session";
    }

    /** Who is invited, with each reply; who could still be; and whether invitations can still change. */
    private void addInvitations(Caller caller, String commissionId, String sessionId, boolean open, List<Member> members,
                                Model model) {
        Map<String, String> names = new HashMap<>();
        for (Member member : members) {
            names.put(Names.id(member.getName()), shownAs(member));
        }
        List<InvitationRow> invited = new ArrayList<>();
        for (Invitation invitation : invitations(commissionId, sessionId)) {
            invited.add(new InvitationRow(invitation.getMember(),
                    names.getOrDefault(invitation.getMember(), text("claims.memberId", invitation.getMember())),
                    invitation.getReply().name(), invitation.getRepliedOnBehalf(), invitation.getEtag()));
        }
        Set<String> already = new HashSet<>(invited.stream().map(InvitationRow::memberId).toList());
        List<Person> uninvited = members.stream()
                .filter(SessionPage::takingPart)
                .filter(member -> !already.contains(Names.id(member.getName())))
                .map(member -> new Person(Names.id(member.getName()), shownAs(member)))
                .toList();
        model.addAttribute("invited", invited);
        model.addAttribute("uninvited", uninvited);
        model.addAttribute("invites", open && ContractAccess.allows(caller,
                CommissionInvitationsServiceGrpc.getCreateInvitationMethod(), commissionId));
        model.addAttribute("repliesOpen", open);
    }

    /** Invitations and replies can change only until the session ends, and not once it is cancelled. */
    static boolean open(Session session) {
        return session.getState() != Session.State.CANCELLED && session.getEndTime().getSeconds() > Instant.now().getEpochSecond();
    }

    /** Who can be on a register or invited: not someone who left or whose details were erased. */
    static boolean takingPart(Member member) {
        return member.getState() != Member.State.LEFT && member.getState() != Member.State.ERASED;
    }

    private List<AttendanceRow> register(List<Member> members, Map<String, Boolean> recorded) {
        List<AttendanceRow> rows = new ArrayList<>();
        for (Member member : members) {
            if (takingPart(member)) {
                String memberId = Names.id(member.getName());
                rows.add(new AttendanceRow(memberId, shownAs(member), Boolean.TRUE.equals(recorded.get(memberId))));
            }
        }
        return rows;
    }

    /** Membership leaves the name out for whom the caller may not read it: then the id is shown. */
    private String shownAs(Member member) {
        return member.getDisplayName().isBlank() ? text("claims.memberId", Names.id(member.getName())) : member.getDisplayName();
    }

    /** Who is recorded, by member id: true when they came. */
    Map<String, Boolean> recordedAttendance(String commissionId, String sessionId) {
        Map<String, Boolean> recorded = new HashMap<>();
        for (Attendance attendance : Paging.all(
                pageToken -> platform.sessions().listAttendance(ListAttendanceRequest.newBuilder()
                        .setParent(Names.session(commissionId, sessionId)).setPageSize(CommissionController.LIST_SIZE)
                        .setPageToken(pageToken).build()),
                ListAttendanceResponse::getAttendancesList, ListAttendanceResponse::getNextPageToken)) {
            recorded.put(Names.id(attendance.getName()), attendance.getAttended());
        }
        return recorded;
    }

    /** Every invitation to the session that the caller may see (a member sees only their own: ListInvitations). */
    List<Invitation> invitations(String commissionId, String sessionId) {
        return Paging.all(
                pageToken -> platform.invitations().listInvitations(ListInvitationsRequest.newBuilder()
                        .setParent(Names.session(commissionId, sessionId)).setPageSize(CommissionController.LIST_SIZE)
                        .setPageToken(pageToken).build()),
                ListInvitationsResponse::getInvitationsList, ListInvitationsResponse::getNextPageToken);
    }

    /** The person's own invitation to the session (an invitation names the invited person by sign-in subject). */
    Optional<Invitation> ownInvitation(Caller caller, String commissionId, String sessionId) {
        return invitations(commissionId, sessionId).stream()
                .filter(invitation -> invitation.getMember().equals(caller.subject()))
                .findFirst();
    }

    /** A reply the form sent: one of the three a person can give, else unspecified (which the platform refuses). */
    static Invitation.Reply reply(String sent) {
        return switch (sent == null ? "" : sent) {
            case "COMING" -> Invitation.Reply.COMING;
            case "NOT_COMING" -> Invitation.Reply.NOT_COMING;
            case "NOT_SURE_YET" -> Invitation.Reply.NOT_SURE_YET;
            default -> Invitation.Reply.REPLY_UNSPECIFIED;
        };
    }

    /** A person's own attendance: the member in its name is their sign-in subject (Attendance). */
    static String ownAttendance(String commissionId, String sessionId, Caller caller) {
        return Names.session(commissionId, sessionId) + "/attendance/" + caller.subject();
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }
}
