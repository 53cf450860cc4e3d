package org.chorus.console.pages;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import org.chorus.commissions.v1.CreateInvitationRequest;
import org.chorus.commissions.v1.Invitation;
import org.chorus.commissions.v1.ReplyToInvitationRequest;
import org.chorus.console.platform.FormErrors;
import org.chorus.console.platform.Platform;
import org.chorus.identity.KeycloakCallers;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.util.MultiValueMap;

/**
 * A facilitator invites people to a session, and records a reply for someone who gave it in person or on the
 * phone (not everyone has a phone or an account): the platform records that it was given on their behalf.
 */
@Controller
public class InvitationsController {

    private final Platform platform;
    private final SessionPage sessionPage;
    private final MessageSource messages;

    public InvitationsController(Platform platform, SessionPage sessionPage, MessageSource messages) {
        this.platform = platform;
        this.sessionPage = sessionPage;
        this.messages = messages;
    }

    /** Invites each person ticked (CreateInvitation for each); someone invited meanwhile is left as they are. */
    @PostMapping("/commissions/{commissionId}/sessions/{sessionId}/invitations")
    public String invite(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, @PathVariable String sessionId,
                         @RequestParam(name = "invite", required = false) List<String> invite, Model model) {
        List<String> chosen = invite == null ? List.of() : invite.stream().filter(Names::isId).distinct().toList();
        if (chosen.isEmpty()) {
            return sessionPage.render(KeycloakCallers.from(jwt), commissionId, sessionId, null, SessionPage.InvitationForms.empty(),
                    FormErrors.none().add("invite", text("invitations.invite.none")), model);
        }
        for (String memberId : chosen) {
            try {
                platform.invitations().createInvitation(CreateInvitationRequest.newBuilder()
                        .setParent(Names.session(commissionId, sessionId))
                        .setInvitation(Invitation.newBuilder().setMember(memberId))
                        .build());
            } catch (StatusRuntimeException refusal) {
                // Invited already (the button pressed twice, or by someone else meanwhile): as was asked.
                if (refusal.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                    throw refusal;
                }
            }
        }
        return "redirect:/commissions/" + commissionId + "/sessions/" + sessionId + "?saved=invited";
    }

    /**
     * Records the reply someone gave in person (ReplyToInvitation by a facilitator: the platform marks it as
     * given on their behalf). The invitation's etag as the page showed it travels with the form, so a reply
     * changed meanwhile is not overwritten.
     */
    @PostMapping("/commissions/{commissionId}/sessions/{sessionId}/invitations/reply")
    public String replyFor(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, @PathVariable String sessionId,
                           @RequestParam MultiValueMap<String, String> form, Model model) {
        String member = form.getFirst("replyMember");
        String reply = form.getFirst("replyAnswer");
        Invitation.Reply answer = SessionPage.reply(reply);
        FormErrors errors = FormErrors.none();
        if (!Names.isId(member)) {
            errors.add("replyMember", text("invitations.reply.member.missing"));
        }
        if (answer == Invitation.Reply.REPLY_UNSPECIFIED) {
            errors.add("replyAnswer", text("invitations.reply.answer.missing"));
        }
        SessionPage.InvitationForms typed = new SessionPage.InvitationForms(List.of(), member, reply);
        if (!errors.isEmpty()) {
            return sessionPage.render(KeycloakCallers.from(jwt), commissionId, sessionId, null, typed, errors, model);
        }
        String etag = form.getFirst("etag-" + member);
        try {
            platform.invitations().replyToInvitation(ReplyToInvitationRequest.newBuilder()
                    .setName(Names.invitation(commissionId, sessionId, member))
                    .setReply(answer)
                    .setEtag(etag == null ? "" : etag)
                    .build());
        } catch (StatusRuntimeException refusal) {
            if (refusal.getStatus().getCode() != Status.Code.ABORTED) {
                throw refusal;
            }
            return sessionPage.render(KeycloakCallers.from(jwt), commissionId, sessionId, null, typed,
                    FormErrors.none().add("replyMember", text("invitations.reply.changed")), model);
        }
        return "redirect:/commissions/" + commissionId + "/sessions/" + sessionId + "?saved=replyFor";
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
