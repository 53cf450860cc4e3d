package org.chorus.console.pages;

import io.grpc.StatusRuntimeException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chorus.commissions.v1.Commission;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.console.platform.FormErrors;
import org.chorus.console.platform.Platform;
import org.chorus.console.text.Dates;
import org.chorus.console.text.Pounds;
import org.chorus.identity.Caller;
import org.chorus.identity.KeycloakCallers;
import org.chorus.membership.v1.GetMemberRequest;
import org.chorus.membership.v1.Member;
import org.chorus.payments.v1.AdviserLetter;
import org.chorus.payments.v1.BenefitsGuidance;
import org.chorus.payments.v1.BenefitsSituation;
import org.chorus.payments.v1.CreatePaymentChoiceRequest;
import org.chorus.payments.v1.GetBenefitsSituationRequest;
import org.chorus.payments.v1.GetPaymentChoiceRequest;
import org.chorus.payments.v1.PaymentChoice;
import org.chorus.payments.v1.PreviewBenefitsGuidanceRequest;
import org.chorus.payments.v1.WriteAdviserLetterRequest;
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

/**
 * A member tries a payment before choosing how to be paid: the platform's guidance on what it could do to
 * their benefits (nothing is stored), then their choice, then the letter for their adviser. Everything
 * about benefits is special-category data: it travels only in form bodies, never in an address or a log.
 */
@Controller
public class TryPaymentController {

    private static final Map<String, String> LETTER_FIELDS = Map.of(
            "member_name", "memberName",
            "contact", "contact");

    /** The letter form as typed. */
    public record LetterForm(String memberName, String contact) {
    }

    private final Platform platform;
    private final MessageSource messages;

    public TryPaymentController(Platform platform, MessageSource messages) {
        this.platform = platform;
        this.messages = messages;
    }

    @GetMapping("/commissions/{commissionId}/my-payments/try")
    public String tryForm(@PathVariable String commissionId, Model model) {
        return renderTry(commissionId, "", FormErrors.none(), model);
    }

    /** The guidance for the amount typed, worked out as if it were paid today as a fee for time. */
    @PostMapping("/commissions/{commissionId}/my-payments/try")
    public String preview(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId,
                          @RequestParam(name = "amount", required = false) String amount, Model model) {
        Optional<Long> pence = Pounds.parse(amount).filter(p -> p > 0);
        if (pence.isEmpty()) {
            return renderTry(commissionId, amount, FormErrors.none().add("amount", text("try.amount.invalid")), model);
        }
        Caller caller = KeycloakCallers.from(jwt);
        try {
            return renderGuidance(caller, commissionId, new Guidance.Tried(pence.get(), LocalDate.now(Dates.UK)), FormErrors.none(),
                    model);
        } catch (StatusRuntimeException refusal) {
            FormErrors errors = FormErrors.from(refusal, Guidance.PLAN_FIELDS, "amount").orElseThrow(() -> refusal);
            return renderTry(commissionId, amount, errors, model);
        }
    }

    /** The member's choice, with the guidance they saw (its rules versions and fingerprint, from the form). */
    @PostMapping("/commissions/{commissionId}/my-payments/choices")
    public String choose(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, Guidance.ChoiceForm form,
                         Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        Optional<Guidance.Tried> tried = form.tried();
        if (tried.isEmpty()) {
            // Only a form this console drew sends these: anything else starts again.
            return "redirect:/commissions/" + commissionId + "/my-payments/try";
        }
        FormErrors errors = form.errors(this::text, "try.method.missing");
        if (!errors.isEmpty()) {
            return renderGuidance(caller, commissionId, tried.get(), errors, model);
        }
        try {
            PaymentChoice saved = platform.benefitsGuidance().createPaymentChoice(CreatePaymentChoiceRequest.newBuilder()
                    .setParent(Names.member(commissionId, caller.subject()))
                    .setPaymentChoice(form.choice(tried.get()))
                    .setRequestId(form.requestIdOrNew())
                    .build());
            return "redirect:/commissions/" + commissionId + "/my-payments/choices/" + Names.id(saved.getName()) + "?saved=choice";
        } catch (StatusRuntimeException refusal) {
            FormErrors fromPlatform = FormErrors.from(refusal, Guidance.PLAN_FIELDS, "method").orElseThrow(() -> refusal);
            return renderGuidance(caller, commissionId, tried.get(), fromPlatform, model);
        }
    }

    @GetMapping("/commissions/{commissionId}/my-payments/choices/{choiceId}")
    public String choice(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, @PathVariable String choiceId,
                         @RequestParam(name = "saved", required = false) String saved, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        Member self = SideBySide.orNothing(() -> platform.membership().getMember(GetMemberRequest.newBuilder()
                .setName(Names.member(commissionId, caller.subject())).build()));
        LetterForm form = new LetterForm(self == null ? "" : self.getDisplayName(), "");
        return renderChoice(caller, commissionId, choiceId, "choice".equals(saved), form, FormErrors.none(), model);
    }

    /**
     * The letter for the member's adviser, as the PDF the platform writes. A POST, as the contract's own
     * route is: the member's name goes in the body, never in an address.
     */
    @PostMapping("/commissions/{commissionId}/my-payments/choices/{choiceId}/letter")
    public String letter(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, @PathVariable String choiceId,
                         LetterForm form, Model model, HttpServletResponse response) throws IOException {
        Caller caller = KeycloakCallers.from(jwt);
        FormErrors errors = FormErrors.none();
        if (HomeController.blank(form.memberName())) {
            errors.add("memberName", text("letter.memberName.missing"));
        }
        if (HomeController.blank(form.contact())) {
            errors.add("contact", text("letter.contact.missing"));
        }
        if (!errors.isEmpty()) {
            return renderChoice(caller, commissionId, choiceId, false, form, errors, model);
        }
        Commission commission = platform.commissions().getCommission(
                GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build());
        AdviserLetter letter;
        try {
            letter = platform.benefitsGuidance().writeAdviserLetter(WriteAdviserLetterRequest.newBuilder()
                    .setName(choiceName(commissionId, caller, choiceId))
                    .setMemberName(form.memberName().strip())
                    .setCommissionName(commission.getDisplayName())
                    .setInvolvement(text("letter.involvement"))
                    .setPayer(text("letter.payer", commission.getDisplayName()))
                    .setContact(form.contact().strip())
                    .build());
        } catch (StatusRuntimeException refusal) {
            FormErrors fromPlatform = FormErrors.from(refusal, LETTER_FIELDS, "contact").orElseThrow(() -> refusal);
            return renderChoice(caller, commissionId, choiceId, false, form, fromPlatform, model);
        }
        // The response is written here, so no page is drawn after it (null: the request is handled).
        byte[] pdf = letter.getPdf().toByteArray();
        response.setContentType("application/pdf");
        response.setHeader("Content-Disposition", "attachment; filename=\"letter-for-your-adviser.pdf\"");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(pdf.length);
        response.getOutputStream().write(pdf);
        return null;
    }

    private String renderTry(String commissionId, String amount, FormErrors errors, Model model) {
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", platform.commissions().getCommission(
                GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()));
        model.addAttribute("amount", amount == null ? "" : amount);
        model.addAttribute("errors", errors);
        return "my-payments-try";
    }

    /**
     * The guidance page: the platform's words for the payment tried, about the situation the member saved (if
     * they saved one; otherwise the guidance speaks in general), and the choice form. Drawn again after a refused
     * choice, with the same plan: nothing was stored meanwhile.
     */
    private String renderGuidance(Caller caller, String commissionId, Guidance.Tried tried, FormErrors errors, Model model) {
        var guidanceService = platform.benefitsGuidance();
        var commissions = platform.commissions();
        List<Object> answers = SideBySide.all(List.of(
                () -> commissions.getCommission(GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()),
                () -> Optional.ofNullable(SideBySide.orNothing(() -> guidanceService.getBenefitsSituation(
                        GetBenefitsSituationRequest.newBuilder()
                                .setName(Names.member(commissionId, caller.subject()) + "/benefitsSituation").build())))));
        @SuppressWarnings("unchecked")
        Optional<BenefitsSituation> situation = (Optional<BenefitsSituation>) answers.get(1);
        PreviewBenefitsGuidanceRequest.Builder request = PreviewBenefitsGuidanceRequest.newBuilder()
                .setParent(Names.commission(commissionId))
                .setPlan(Guidance.plan(tried.pence(), tried.paidOn()));
        situation.ifPresent(request::setSituation);
        BenefitsGuidance guidance = guidanceService.previewBenefitsGuidance(request.build());
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", answers.get(0));
        model.addAttribute("sharedSituation", situation.isPresent());
        Guidance.show(model, guidance, tried, situation.map(BenefitsSituation::getLondon).orElse(false), errors);
        return "my-payments-guidance";
    }

    private String renderChoice(Caller caller, String commissionId, String choiceId, boolean saved, LetterForm form,
                                FormErrors errors, Model model) {
        var guidanceService = platform.benefitsGuidance();
        var commissions = platform.commissions();
        List<Object> answers = SideBySide.all(List.of(
                () -> commissions.getCommission(GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()),
                () -> guidanceService.getPaymentChoice(GetPaymentChoiceRequest.newBuilder()
                        .setName(choiceName(commissionId, caller, choiceId)).build())));
        PaymentChoice choice = (PaymentChoice) answers.get(1);
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("choiceId", choiceId);
        model.addAttribute("commission", answers.get(0));
        model.addAttribute("choice", choice);
        model.addAttribute("lowerAmount", choice.hasLowerAmount() ? Pounds.of(choice.getLowerAmount()) : null);
        model.addAttribute("saved", saved);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "my-payment-choice";
    }

    private static String choiceName(String commissionId, Caller caller, String choiceId) {
        return Names.member(commissionId, caller.subject()) + "/paymentChoices/" + choiceId;
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }
}
