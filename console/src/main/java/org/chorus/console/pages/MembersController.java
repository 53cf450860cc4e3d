package org.chorus.console.pages;

import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.console.platform.ContractAccess;
import org.chorus.console.platform.FormErrors;
import org.chorus.console.platform.Platform;
import org.chorus.identity.Caller;
import org.chorus.identity.KeycloakCallers;
import org.chorus.membership.v1.CreateMemberRequest;
import org.chorus.membership.v1.Member;
import org.chorus.membership.v1.MembershipServiceGrpc;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * A commission's members, each a link to their page for those who may open it, and adding someone with no email
 * address (CreateMember with neither an account nor an email): they take part at once, and a facilitator acts
 * for them, which the platform records.
 */
@Controller
public class MembersController {

    /** Which part of CreateMember's request each form field fills, for the platform's field violations. */
    private static final Map<String, String> MEMBER_FIELDS = Map.of(
            "member.display_name", "displayName",
            "member.kind", "kind",
            "member.credit", "credit",
            "member.chosen_name", "chosenName");

    /** One member in the list: their id for the link (never their name in an address). */
    public record MemberRow(String id, String displayName, String kind, String state) {
    }

    /** The add-someone form as typed. The request id makes a second press of the button harmless. */
    public record NewMemberForm(String displayName, String kind, String credit, String chosenName, String requestId) {

        static NewMemberForm empty() {
            return new NewMemberForm("", null, null, "", RequestIds.fresh());
        }

        NewMemberForm again() {
            return new NewMemberForm(displayName, kind, credit, chosenName, RequestIds.fresh());
        }
    }

    private final Platform platform;
    private final MessageSource messages;

    public MembersController(Platform platform, MessageSource messages) {
        this.platform = platform;
        this.messages = messages;
    }

    @GetMapping("/commissions/{commissionId}/members")
    public String members(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, Model model) {
        return render(KeycloakCallers.from(jwt), commissionId, NewMemberForm.empty(), FormErrors.none(), model);
    }

    @PostMapping("/commissions/{commissionId}/members")
    public String add(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, NewMemberForm form, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        Optional<Member.Kind> kind = FormChoices.of(Member.Kind.class, form.kind());
        Optional<Member.Credit> credit = FormChoices.of(Member.Credit.class, form.credit());
        FormErrors errors = FormErrors.none();
        if (HomeController.blank(form.displayName())) {
            errors.add("displayName", text("member.add.name.missing"));
        }
        if (kind.isEmpty()) {
            errors.add("kind", text("member.add.kind.missing"));
        }
        creditErrors(credit, form.chosenName(), errors, this::text);
        if (!errors.isEmpty()) {
            return render(caller, commissionId, form, errors, model);
        }
        try {
            Member added = platform.membership().createMember(CreateMemberRequest.newBuilder()
                    .setParent(Names.commission(commissionId))
                    .setMember(Member.newBuilder()
                            .setDisplayName(form.displayName().strip())
                            .setKind(kind.get())
                            .setCredit(credit.get())
                            .setChosenName(credit.get() == Member.Credit.CHOSEN_NAME ? form.chosenName().strip() : ""))
                    .setRequestId(RequestIds.orFresh(form.requestId()))
                    .build());
            return "redirect:/commissions/" + commissionId + "/members/" + Names.id(added.getName()) + "?saved=added";
        } catch (StatusRuntimeException refusal) {
            FormErrors fromPlatform = FormErrors.from(refusal, MEMBER_FIELDS, "displayName").orElseThrow(() -> refusal);
            return render(caller, commissionId, form.again(), fromPlatform, model);
        }
    }

    /** What is wrong with a credit choice: none made, or the chosen name left out (the add form's and the member page's). */
    static void creditErrors(Optional<Member.Credit> credit, String chosenName, FormErrors errors, Function<String, String> text) {
        if (credit.isEmpty()) {
            errors.add("credit", text.apply("member.credit.missing"));
        } else if (credit.get() == Member.Credit.CHOSEN_NAME && HomeController.blank(chosenName)) {
            errors.add("chosenName", text.apply("member.credit.chosenName.missing"));
        }
    }

    private String render(Caller caller, String commissionId, NewMemberForm form, FormErrors errors, Model model) {
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", platform.commissions().getCommission(
                GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()));
        List<MemberRow> rows = CommissionController.allMembers(platform, commissionId).stream()
                .map(member -> new MemberRow(Names.id(member.getName()), member.getDisplayName(), member.getKind().name(),
                        member.getState().name()))
                .toList();
        model.addAttribute("members", rows);
        // A member's page is for those who read each person's record (GetMember), once they can see the name.
        model.addAttribute("opensMembers", ContractAccess.allows(caller, MembershipServiceGrpc.getGetMemberMethod(), commissionId));
        model.addAttribute("mayAdd", ContractAccess.allows(caller, MembershipServiceGrpc.getCreateMemberMethod(), commissionId));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "members";
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
