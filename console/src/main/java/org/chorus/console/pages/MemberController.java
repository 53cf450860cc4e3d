package org.chorus.console.pages;

import com.google.protobuf.FieldMask;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.console.platform.ContractAccess;
import org.chorus.console.platform.FormErrors;
import org.chorus.console.platform.Platform;
import org.chorus.identity.Caller;
import org.chorus.identity.KeycloakCallers;
import org.chorus.membership.v1.Consent;
import org.chorus.membership.v1.ConsentPurposeWording;
import org.chorus.membership.v1.ConsentsServiceGrpc;
import org.chorus.membership.v1.Credits;
import org.chorus.membership.v1.GetCreditsRequest;
import org.chorus.membership.v1.GetMemberRequest;
import org.chorus.membership.v1.GiveMemberAccountRequest;
import org.chorus.membership.v1.ListConsentPurposesRequest;
import org.chorus.membership.v1.ListConsentsRequest;
import org.chorus.membership.v1.Member;
import org.chorus.membership.v1.MembershipServiceGrpc;
import org.chorus.membership.v1.UpdateMemberRequest;
import org.chorus.payments.v1.BenefitsGuidanceServiceGrpc;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One member's page for the people who run the commission: who they are (what the platform shows the caller),
 * how they are thanked by name, and what they agree to, with forms to record their answers and choices with them.
 * Everything done here for someone else is recorded by the platform as done on their behalf. Their access needs
 * and benefits are not shown: they are the person's own, and each read of them by someone else is recorded.
 */
@Controller
public class MemberController {

    /** What the page may say was saved, from its {@code saved} parameter. */
    private static final Set<String> SAVED = Set.of("added", "consent", "credit", "account");
    private static final Map<String, String> CREDIT_FIELDS = Map.of("member.credit", "credit", "member.chosen_name", "chosenName");
    private static final Map<String, String> ACCOUNT_FIELDS = Map.of("email", "email");

    /** The forms on the page as typed, kept when one comes back with its errors. */
    public record Typed(MultiValueMap<String, String> consent, String credit, String chosenName, String email) {

        static Typed none() {
            return new Typed(new LinkedMultiValueMap<>(), null, null, "");
        }
    }

    private final Platform platform;
    private final MessageSource messages;

    public MemberController(Platform platform, MessageSource messages) {
        this.platform = platform;
        this.messages = messages;
    }

    @GetMapping("/commissions/{commissionId}/members/{memberId}")
    public String member(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, @PathVariable String memberId,
                         @RequestParam(name = "saved", required = false) String saved, Model model) {
        return render(KeycloakCallers.from(jwt), commissionId, memberId, Outcomes.known(saved, SAVED), Typed.none(),
                FormErrors.none(), model);
    }

    /** Their answers, recorded with them (RecordConsent with member_agreed: the platform marks them as on their behalf). */
    @PostMapping("/commissions/{commissionId}/members/{memberId}/consent")
    public String consent(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, @PathVariable String memberId,
                          @RequestParam MultiValueMap<String, String> form, Model model) {
        if (!"yes".equals(form.getFirst("consentAgreed"))) {
            return render(KeycloakCallers.from(jwt), commissionId, memberId, null, new Typed(form, null, null, ""),
                    FormErrors.none().add("consentAgreed", text("member.consent.agreed.missing")), model);
        }
        ConsentForm.record(platform, Names.member(commissionId, memberId), form, true);
        return "redirect:/commissions/" + commissionId + "/members/" + memberId + "?saved=consent";
    }

    /** How they want to be thanked by name (UpdateMember: credit and chosen name). */
    @PostMapping("/commissions/{commissionId}/members/{memberId}/credit")
    public String credit(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, @PathVariable String memberId,
                         @RequestParam(name = "credit", required = false) String credit,
                         @RequestParam(name = "chosenName", required = false) String chosenName, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        Optional<Member.Credit> way = FormChoices.of(Member.Credit.class, credit);
        FormErrors errors = FormErrors.none();
        MembersController.creditErrors(way, chosenName, errors, this::text);
        Typed typed = new Typed(new LinkedMultiValueMap<>(), credit, chosenName, "");
        if (!errors.isEmpty()) {
            return render(caller, commissionId, memberId, null, typed, errors, model);
        }
        try {
            platform.membership().updateMember(UpdateMemberRequest.newBuilder()
                    .setMember(Member.newBuilder()
                            .setName(Names.member(commissionId, memberId))
                            .setCredit(way.get())
                            .setChosenName(way.get() == Member.Credit.CHOSEN_NAME ? chosenName.strip() : ""))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("credit").addPaths("chosen_name"))
                    .build());
        } catch (StatusRuntimeException refusal) {
            FormErrors fromPlatform = FormErrors.from(refusal, CREDIT_FIELDS, "credit").orElseThrow(() -> refusal);
            return render(caller, commissionId, memberId, null, typed, fromPlatform, model);
        }
        return "redirect:/commissions/" + commissionId + "/members/" + memberId + "?saved=credit";
    }

    /** An account of their own, under their email address, once they want one (GiveMemberAccount). */
    @PostMapping("/commissions/{commissionId}/members/{memberId}/account")
    public String account(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, @PathVariable String memberId,
                          @RequestParam(name = "email", required = false) String email,
                          @RequestParam(name = "accountAgreed", required = false) String agreed, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        FormErrors errors = FormErrors.none();
        if (HomeController.blank(email)) {
            errors.add("email", text("member.account.email.missing"));
        }
        if (!"yes".equals(agreed)) {
            errors.add("accountAgreed", text("member.account.agreed.missing"));
        }
        Typed typed = new Typed(new LinkedMultiValueMap<>(), null, null, email == null ? "" : email);
        if (!errors.isEmpty()) {
            return render(caller, commissionId, memberId, null, typed, errors, model);
        }
        try {
            platform.membership().giveMemberAccount(GiveMemberAccountRequest.newBuilder()
                    .setName(Names.member(commissionId, memberId)).setEmail(email.strip()).setMemberAgreed(true).build());
        } catch (StatusRuntimeException refusal) {
            FormErrors fromPlatform = FormErrors.from(refusal, ACCOUNT_FIELDS, "email").orElseThrow(() -> refusal);
            return render(caller, commissionId, memberId, null, typed, fromPlatform, model);
        }
        return "redirect:/commissions/" + commissionId + "/members/" + memberId + "?saved=account";
    }

    private String render(Caller caller, String commissionId, String memberId, String saved, Typed typed, FormErrors errors,
                          Model model) {
        String name = Names.member(commissionId, memberId);
        boolean seesConsent = ContractAccess.allows(caller, ConsentsServiceGrpc.getListConsentsMethod(), commissionId);
        var commissions = platform.commissions();
        var membership = platform.membership();
        var consents = platform.consents();
        List<Callable<Object>> calls = List.of(
                () -> commissions.getCommission(GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()),
                () -> membership.getMember(GetMemberRequest.newBuilder().setName(name).build()),
                () -> consents.getCredits(GetCreditsRequest.newBuilder().setName(Names.commission(commissionId) + "/credits").build()),
                () -> seesConsent ? consents.listConsentPurposes(ListConsentPurposesRequest.getDefaultInstance()).getPurposesList() : List.of(),
                () -> seesConsent ? consents.listConsents(ListConsentsRequest.newBuilder().setParent(name).build()).getConsentsList() : List.of());
        List<Object> answers = SideBySide.all(calls);
        Member member = (Member) answers.get(1);
        Credits credits = (Credits) answers.get(2);
        @SuppressWarnings("unchecked")
        List<ConsentPurposeWording> purposes = (List<ConsentPurposeWording>) answers.get(3);
        @SuppressWarnings("unchecked")
        List<Consent> given = (List<Consent>) answers.get(4);
        boolean erased = member.getState() == Member.State.ERASED;
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", answers.get(0));
        model.addAttribute("memberId", memberId);
        model.addAttribute("member", member);
        model.addAttribute("erased", erased);
        model.addAttribute("saved", saved);
        model.addAttribute("inCredits", !member.getCreditedAs().isEmpty() && credits.getNamesList().contains(member.getCreditedAs()));
        model.addAttribute("seesConsent", seesConsent && !erased);
        model.addAttribute("purposes", ConsentForm.asTyped(ConsentForm.rows(purposes, given), typed.consent()));
        model.addAttribute("mayCredit", !erased
                && ContractAccess.allows(caller, MembershipServiceGrpc.getUpdateMemberMethod(), commissionId));
        model.addAttribute("credit", typed.credit() == null ? member.getCredit().name() : typed.credit());
        model.addAttribute("chosenName", typed.chosenName() == null ? member.getChosenName() : typed.chosenName());
        model.addAttribute("mayGiveAccount", !erased && member.getAccount().isEmpty()
                && ContractAccess.allows(caller, MembershipServiceGrpc.getGiveMemberAccountMethod(), commissionId));
        model.addAttribute("email", typed.email());
        model.addAttribute("mayChoosePayment", !erased
                && ContractAccess.allows(caller, BenefitsGuidanceServiceGrpc.getCreatePaymentChoiceMethod(), commissionId));
        model.addAttribute("errors", errors);
        return "member";
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
