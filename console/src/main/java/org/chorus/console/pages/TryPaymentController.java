package org.chorus.console.pages;

import io.grpc.StatusRuntimeException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
import org.chorus.payments.v1.BenefitsPlan;
import org.chorus.payments.v1.BenefitsSituation;
import org.chorus.payments.v1.CreatePaymentChoiceRequest;
import org.chorus.payments.v1.GetBenefitsSituationRequest;
import org.chorus.payments.v1.GetPaymentChoiceRequest;
import org.chorus.payments.v1.MethodOption;
import org.chorus.payments.v1.PaymentChoice;
import org.chorus.payments.v1.PaymentKind;
import org.chorus.payments.v1.PaymentMethod;
import org.chorus.payments.v1.PlannedPayment;
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

    /** Which form field each part of PreviewBenefitsGuidance's and CreatePaymentChoice's requests comes from. */
    private static final Map<String, String> PLAN_FIELDS = Map.of(
            "plan", "amount",
            "payment_choice.plan", "method",
            "payment_choice.method", "method",
            "payment_choice.lower_amount", "lowerAmount",
            "payment_choice", "method");
    private static final Map<String, String> LETTER_FIELDS = Map.of(
            "member_name", "memberName",
            "contact", "contact");

    /**
     * One part of the guidance as the platform writes it for members ({@code BenefitsGuidance.text}): a heading
     * line (a benefit, "ways to be paid", "good to know"), then a line for each thing to read, each begun "- ".
     */
    public record GuidanceBlock(String heading, List<String> lines) {
    }

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
            return renderGuidance(caller, commissionId, pence.get(), LocalDate.now(Dates.UK), FormErrors.none(), model);
        } catch (StatusRuntimeException refusal) {
            FormErrors errors = FormErrors.from(refusal, PLAN_FIELDS, "amount").orElseThrow(() -> refusal);
            return renderTry(commissionId, amount, errors, model);
        }
    }

    /** The member's choice, with the guidance they saw (its rules versions and fingerprint, from the form). */
    @PostMapping("/commissions/{commissionId}/my-payments/choices")
    public String choose(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId,
                         @RequestParam(name = "pence", required = false) String pence,
                         @RequestParam(name = "day", required = false) String day,
                         @RequestParam(name = "method", required = false) String method,
                         @RequestParam(name = "lowerAmount", required = false) String lowerAmount,
                         @RequestParam(name = "rulesVersions", required = false) List<String> rulesVersions,
                         @RequestParam(name = "fingerprint", required = false) String fingerprint,
                         @RequestParam(name = "london", required = false) Boolean london,
                         @RequestParam(name = "requestId", required = false) String requestId, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        long amount;
        LocalDate paidOn;
        try {
            amount = Long.parseLong(pence);
            paidOn = LocalDate.parse(day);
        } catch (NumberFormatException | DateTimeParseException | NullPointerException notFromOurForm) {
            // Only a form this console drew sends these: anything else starts again.
            return "redirect:/commissions/" + commissionId + "/my-payments/try";
        }
        PaymentMethod chosen = method(method);
        FormErrors errors = FormErrors.none();
        if (chosen == PaymentMethod.PAYMENT_METHOD_UNSPECIFIED) {
            errors.add("method", text("try.method.missing"));
        }
        Optional<Long> lower = Pounds.parse(lowerAmount);
        if (chosen == PaymentMethod.LOWER_AMOUNT && lower.isEmpty()) {
            errors.add("lowerAmount", text("try.lowerAmount.invalid"));
        }
        if (!errors.isEmpty()) {
            return renderGuidance(caller, commissionId, amount, paidOn, errors, model);
        }
        PaymentChoice.Builder choice = PaymentChoice.newBuilder()
                .setMethod(chosen)
                .setPlan(plan(amount, paidOn))
                .setLondon(Boolean.TRUE.equals(london))
                .addAllRulesVersions(rulesVersions == null ? List.of() : rulesVersions)
                .setGuidanceFingerprint(fingerprint == null ? "" : fingerprint);
        if (chosen == PaymentMethod.LOWER_AMOUNT) {
            choice.setLowerAmount(Pounds.money(lower.get()));
        }
        try {
            PaymentChoice saved = platform.benefitsGuidance().createPaymentChoice(CreatePaymentChoiceRequest.newBuilder()
                    .setParent(Names.member(commissionId, caller.subject()))
                    .setPaymentChoice(choice)
                    .setRequestId(HomeController.blank(requestId) ? UUID.randomUUID().toString() : requestId)
                    .build());
            return "redirect:/commissions/" + commissionId + "/my-payments/choices/" + Names.id(saved.getName()) + "?saved=choice";
        } catch (StatusRuntimeException refusal) {
            FormErrors fromPlatform = FormErrors.from(refusal, PLAN_FIELDS, "method").orElseThrow(() -> refusal);
            return renderGuidance(caller, commissionId, amount, paidOn, fromPlatform, model);
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
     * The guidance page: the platform's words for a payment of {@code pence} on {@code paidOn}, about the
     * situation the member saved (if they saved one; otherwise the guidance speaks in general), and the
     * choice form. Drawn again after a refused choice, with the same plan: nothing was stored meanwhile.
     */
    private String renderGuidance(Caller caller, String commissionId, long pence, LocalDate paidOn, FormErrors errors,
                                  Model model) {
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
                .setPlan(plan(pence, paidOn));
        situation.ifPresent(request::setSituation);
        BenefitsGuidance guidance = guidanceService.previewBenefitsGuidance(request.build());
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", answers.get(0));
        model.addAttribute("amountShown", Pounds.fromPence(pence));
        model.addAttribute("pence", pence);
        model.addAttribute("day", paidOn.toString());
        model.addAttribute("london", situation.map(BenefitsSituation::getLondon).orElse(false));
        model.addAttribute("sharedSituation", situation.isPresent());
        model.addAttribute("guidance", guidance);
        model.addAttribute("blocks", blocks(guidance.getText()));
        model.addAttribute("methods", methods(guidance));
        model.addAttribute("requestId", UUID.randomUUID().toString());
        model.addAttribute("errors", errors);
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

    /** One fee, paid on one day: what "try a payment" asks about. */
    static BenefitsPlan plan(long pence, LocalDate paidOn) {
        return BenefitsPlan.newBuilder()
                .addPayments(PlannedPayment.newBuilder()
                        .setDate(com.google.type.Date.newBuilder()
                                .setYear(paidOn.getYear()).setMonth(paidOn.getMonthValue()).setDay(paidOn.getDayOfMonth()))
                        .setKind(PaymentKind.FEE)
                        .setAmount(Pounds.money(pence)))
                .build();
    }

    /**
     * The guidance's text as the platform wrote it, a block for each part between blank lines: its first line
     * the heading, unless it begins "- ", and each line after it one thing to read, without its dash.
     */
    static List<GuidanceBlock> blocks(String text) {
        List<GuidanceBlock> blocks = new ArrayList<>();
        for (String block : text.split("\\R\\s*\\R")) {
            List<String> lines = block.strip().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
            if (lines.isEmpty()) {
                continue;
            }
            boolean headed = !lines.get(0).startsWith("- ");
            blocks.add(new GuidanceBlock(headed ? lines.get(0) : "",
                    lines.subList(headed ? 1 : 0, lines.size()).stream()
                            .map(line -> line.startsWith("- ") ? line.substring(2).strip() : line).toList()));
        }
        return blocks;
    }

    /** A method the form sent, or unspecified for anything but one of the contract's ways. */
    static PaymentMethod method(String typed) {
        if (typed == null) {
            return PaymentMethod.PAYMENT_METHOD_UNSPECIFIED;
        }
        return switch (typed) {
            case "BANK_TRANSFER", "VOUCHERS", "TIME_CREDITS", "LOWER_AMOUNT", "NO_PAYMENT", "DONATE" -> PaymentMethod.valueOf(typed);
            default -> PaymentMethod.PAYMENT_METHOD_UNSPECIFIED;
        };
    }

    /**
     * The ways to choose from, in the guidance's order (what each would do is in the guidance's text above
     * the form); every way stays open, whatever the guidance suggests.
     */
    static List<String> methods(BenefitsGuidance guidance) {
        List<String> methods = new ArrayList<>();
        for (MethodOption option : guidance.getMethodsList()) {
            if (option.getMethod() != PaymentMethod.PAYMENT_METHOD_UNSPECIFIED && option.getMethod() != PaymentMethod.UNRECOGNIZED) {
                methods.add(option.getMethod().name());
            }
        }
        if (methods.isEmpty()) {
            for (PaymentMethod method : PaymentMethod.values()) {
                if (method != PaymentMethod.PAYMENT_METHOD_UNSPECIFIED && method != PaymentMethod.UNRECOGNIZED) {
                    methods.add(method.name());
                }
            }
        }
        return methods;
    }

    private static String choiceName(String commissionId, Caller caller, String choiceId) {
        return Names.member(commissionId, caller.subject()) + "/paymentChoices/" + choiceId;
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }
}
