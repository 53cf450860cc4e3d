package org.chorus.commissions.session;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.chorus.commissions.registry.CommissionWriteService;
import org.chorus.commissions.v1.InvitationReplied;
import org.chorus.commissions.v1.InvitationSent;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.events.EventOutbox;
import org.chorus.platform.events.NewEvent;
import org.chorus.platform.members.CommissionMembers;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.paging.PageTokens.Page;
import org.chorus.platform.paging.PageTokens;
import org.chorus.platform.requests.CreateRequests;
import org.chorus.platform.requests.RequestIds;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.stereotype.Service;

/**
 * The use cases of invitations: facilitators invite people in the commission to a session; each
 * replies themself, or a facilitator records the reply for them. Every change writes its event.
 */
@Service
public class InvitationService {

    static final int DEFAULT_PAGE_SIZE = 25;
    private static final Set<Role> FACILITATORS = Set.of(Role.FACILITATOR);

    private final SessionRepository sessions;
    private final InvitationRepository invitations;
    private final CommissionMembers members;
    private final EventOutbox outbox;
    private final CommissionTransactions transactions;
    private final CommissionWriteService writes;
    private final CreateRequests requests;
    private final Clock clock;

    public InvitationService(SessionRepository sessions, InvitationRepository invitations, CommissionMembers members,
                             EventOutbox outbox, CommissionTransactions transactions, CommissionWriteService writes,
                             CreateRequests requests, Clock clock) {
        this.sessions = sessions;
        this.invitations = invitations;
        this.members = members;
        this.outbox = outbox;
        this.transactions = transactions;
        this.writes = writes;
        this.requests = requests;
        this.clock = clock;
    }

    /**
     * Invites one person in the commission (membership is asked) to a session that is neither
     * cancelled nor over. A retry with the same request id returns the first invitation.
     */
    public Invitation invite(Caller caller, CommissionId commission, String sessionId, String member, UUID requestId) {
        if (!caller.holdsAnyIn(commission.value(), FACILITATORS)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the commission's facilitators can invite people to sessions.");
        }
        if (!AttendanceRecording.isMember(member)) {
            throw new IllegalArgumentException("Not a member id: " + member);
        }
        String fingerprint = fingerprint(sessionId, member);
        if (requestId == null || transactions.inCommission(caller, commission.value(),
                () -> requests.madeEarlier(requestId, fingerprint)).isEmpty()) {
            // Asked outside the transaction: no database connection waits on another service.
            if (!members.isInCommission(commission, member)) {
                throw notInCommission();
            }
        }
        return writes.inOpenCommission(caller, commission, () -> {
            if (requestId != null) {
                var earlier = requests.madeEarlier(requestId, fingerprint);
                if (earlier.isPresent()) {
                    return invitations.find(sessionId, member)
                            .orElseThrow(() -> new IllegalStateException("A remembered invitation is missing: " + earlier.get()));
                }
            }
            // The session's lock first: a cancellation and an invitation take turns.
            Session session = sessions.lock(sessionId).orElseThrow(InvitationService::noSession);
            Instant now = now();
            checkOpen(session, now, "invite people to it");
            Invitation invitation = Invitation.invite(sessionId, member, caller.subject(), now);
            if (!invitations.insert(invitation)) {
                throw ChorusException.alreadyExists("ALREADY_INVITED", "This person is already invited to this session.");
            }
            String name = invitation.resourceName(commission);
            outbox.append(new NewEvent("session.invitation_sent", name, caller.subject(), now,
                    InvitationSent.newBuilder().setSession(session.resourceName(commission)).setMember(member).build()));
            if (requestId != null) {
                requests.remember(requestId, fingerprint, name);
            }
            return invitation;
        });
    }

    /** One invitation: the caller's own, or anyone's for facilitators and coordinators. */
    public Invitation get(Caller caller, CommissionId commission, String sessionId, String member) {
        if (!member.equals(caller.subject()) && !caller.holdsAnyIn(commission.value(), FACILITATORS)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED",
                    "You can see your own invitation. Only facilitators can see other people's.");
        }
        return transactions.inCommission(caller, commission.value(), () -> {
            sessions.find(sessionId).orElseThrow(InvitationService::noSession);
            return invitations.find(sessionId, member).orElseThrow(() -> noInvitation(member.equals(caller.subject())));
        });
    }

    /** One page of a session's invitations in member order: everyone's for facilitators and coordinators, else the caller's own. */
    public Page<Invitation> list(Caller caller, CommissionId commission, String sessionId, int pageSize, String pageToken) {
        String only = caller.holdsAnyIn(commission.value(), FACILITATORS) ? null : caller.subject();
        return PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken,
                "invitations:" + commission.value() + ":" + sessionId + ":" + (only == null ? "*" : only),
                Invitation::member,
                (after, limit) -> transactions.inCommission(caller, commission.value(), () -> {
                    sessions.find(sessionId).orElseThrow(InvitationService::noSession);
                    return invitations.list(sessionId, after, only, limit);
                }));
    }

    /**
     * Records a reply: the invited person's own, or anyone's by a facilitator or coordinator, on
     * their behalf. Until the session ends, and not once it is cancelled.
     *
     * @param reply COMING, NOT_COMING or NOT_SURE_YET
     */
    public Invitation reply(Caller caller, CommissionId commission, String sessionId, String member, Invitation.Reply reply, String etag) {
        boolean self = member.equals(caller.subject());
        if (!self && !caller.holdsAnyIn(commission.value(), FACILITATORS)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED",
                    "You can reply to your own invitation. Only facilitators can record a reply for someone else.");
        }
        if (reply == null || reply == Invitation.Reply.NO_REPLY_YET) {
            throw ChorusException.invalid("INVALID_REPLY", "reply", "Please say COMING, NOT_COMING or NOT_SURE_YET.");
        }
        return writes.inOpenCommission(caller, commission, () -> {
            Session session = sessions.lock(sessionId).orElseThrow(InvitationService::noSession);
            Invitation current = invitations.lock(sessionId, member).orElseThrow(() -> noInvitation(self));
            Instant now = now();
            checkOpen(session, now, "reply to it");
            if (etag == null && current.sameAnswer(reply, caller.subject())) {
                return current;
            }
            Invitation answered = current.answer(reply, etag, caller.subject(), now);
            invitations.update(answered);
            var payload = InvitationReplied.newBuilder().setSession(session.resourceName(commission)).setMember(member)
                    .setReply(reply.name()).setRepliedOnBehalf(answered.repliedOnBehalf()).build();
            outbox.append(new NewEvent("session.invitation_replied", answered.resourceName(commission), caller.subject(), now, payload));
            return answered;
        });
    }

    private static void checkOpen(Session session, Instant now, String what) {
        if (session.state() == Session.State.CANCELLED) {
            throw ChorusException.failedPrecondition("SESSION_CANCELLED", "This session was cancelled, so you cannot " + what + ".");
        }
        if (!now.isBefore(session.endTime())) {
            throw ChorusException.failedPrecondition("SESSION_OVER", "This session is over, so you cannot " + what + ".");
        }
    }

    /** A fingerprint of what is asked for, to tell a true retry from another request reusing its id. */
    private static String fingerprint(String sessionId, String member) {
        String asked = "invitation.create\u0000" + sessionId + "\u0000" + member;
        return RequestIds.fingerprint(asked);
    }

    static ChorusException notInCommission() {
        return ChorusException.failedPrecondition("NOT_IN_COMMISSION", "This person does not hold a role in this commission. "
                + "Check their sign-in id, or give them a role in the commission first.");
    }

    private static ChorusException noInvitation(boolean self) {
        return ChorusException.notFound("NO_INVITATION", self
                ? "You have not been invited to this session. If you would like to come, please ask a facilitator."
                : "This person has not been invited to this session. Invite them first.");
    }

    private static ChorusException noSession() {
        return ChorusException.notFound("NO_SESSION", "There is no such session in this commission.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
