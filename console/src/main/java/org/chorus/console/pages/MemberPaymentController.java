package org.chorus.console.pages;

import io.grpc.StatusRuntimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.console.platform.FormErrors;
import org.chorus.console.platform.Platform;
import org.chorus.console.text.Dates;
import org.chorus.console.text.Pounds;
import org.chorus.membership.v1.GetMemberRequest;
import org.chorus.payments.v1.BenefitsGuidance;
import org.chorus.payments.v1.CreatePaymentChoiceRequest;
import org.chorus.payments.v1.PaymentChoice;
import org.chorus.payments.v1.PreviewBenefitsGuidanceRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A facilitator records how a member wants to be paid, worked out with them (CreatePaymentChoice allows the
 * commission's facilitators, with {@code member_agreed}; the platform records it as on their behalf). A facilitator
 * may not read the member's benefits (GetBenefitsSituation), so the guidance speaks in general; and may not read a
 * choice back (GetPaymentChoice: the member and finance), so the page shows the choice only as it is saved.
 */
@Controller
public class MemberPaymentController {

    private final Platform platform;
    private final MessageSource messages;

    public MemberPaymentController(Platform platform, MessageSource messages) {
        this.platform = platform;
        this.messages = messages;
    }

    @GetMapping("/commissions/{commissionId}/members/{memberId}/payment")
    public String amountForm(@PathVariable String commissionId, @PathVariable String memberId, Model model) {
        return render(commissionId, memberId, "", FormErrors.none(), model);
    }

    /** The guidance for the amount typed, as if paid today as a fee for time, and the choice form. */
    @PostMapping("/commissions/{commissionId}/members/{memberId}/payment")
    public String guidance(@PathVariable String commissionId, @PathVariable String memberId,
                           @RequestParam(name = "amount", required = false) String amount, Model model) {
        Optional<Long> pence = Pounds.parse(amount).filter(p -> p > 0);
        if (pence.isEmpty()) {
            return render(commissionId, memberId, amount, FormErrors.none().add("amount", text("try.amount.invalid")), model);
        }
        try {
            return renderGuidance(commissionId, memberId, new Guidance.Tried(pence.get(), LocalDate.now(Dates.UK)), FormErrors.none(),
                    model);
        } catch (StatusRuntimeException refusal) {
            FormErrors errors = FormErrors.from(refusal, Guidance.PLAN_FIELDS, "amount").orElseThrow(() -> refusal);
            return render(commissionId, memberId, amount, errors, model);
        }
    }

    /** Their choice, with the guidance shown and their agreement; the page then shows what was saved. */
    @PostMapping("/commissions/{commissionId}/members/{memberId}/payment/choice")
    public String choose(@PathVariable String commissionId, @PathVariable String memberId, Guidance.ChoiceForm form,
                         @RequestParam(name = "agreed", required = false) String agreed, Model model) {
        Optional<Guidance.Tried> tried = form.tried();
        if (tried.isEmpty()) {
            return "redirect:/commissions/" + commissionId + "/members/" + memberId + "/payment";
        }
        FormErrors errors = form.errors(this::text, "member.payment.method.missing");
        if (!"yes".equals(agreed)) {
            errors.add("agreed", text("member.payment.agreed.missing"));
        }
        if (!errors.isEmpty()) {
            return renderGuidance(commissionId, memberId, tried.get(), errors, model);
        }
        PaymentChoice saved;
        try {
            saved = platform.benefitsGuidance().createPaymentChoice(CreatePaymentChoiceRequest.newBuilder()
                    .setParent(Names.member(commissionId, memberId))
                    .setPaymentChoice(form.choice(tried.get()))
                    .setRequestId(form.requestIdOrNew())
                    .setMemberAgreed(true)
                    .build());
        } catch (StatusRuntimeException refusal) {
            FormErrors fromPlatform = FormErrors.from(refusal, Guidance.PLAN_FIELDS, "method").orElseThrow(() -> refusal);
            return renderGuidance(commissionId, memberId, tried.get(), fromPlatform, model);
        }
        frame(commissionId, memberId, model);
        model.addAttribute("choice", saved);
        model.addAttribute("lowerAmount", saved.hasLowerAmount() ? Pounds.of(saved.getLowerAmount()) : null);
        model.addAttribute("errors", FormErrors.none());
        return "member-payment";
    }

    private String render(String commissionId, String memberId, String amount, FormErrors errors, Model model) {
        frame(commissionId, memberId, model);
        model.addAttribute("amount", amount == null ? "" : amount);
        model.addAttribute("errors", errors);
        return "member-payment";
    }

    /** The platform's guidance in general: a facilitator does not see the member's benefits. Nothing is stored. */
    private String renderGuidance(String commissionId, String memberId, Guidance.Tried tried, FormErrors errors, Model model) {
        BenefitsGuidance guidance = platform.benefitsGuidance().previewBenefitsGuidance(PreviewBenefitsGuidanceRequest.newBuilder()
                .setParent(Names.commission(commissionId))
                .setPlan(Guidance.plan(tried.pence(), tried.paidOn()))
                .build());
        frame(commissionId, memberId, model);
        Guidance.show(model, guidance, tried, false, errors);
        return "member-payment";
    }

    /** What every step of the page shows: whose payment it is, in which commission. */
    private void frame(String commissionId, String memberId, Model model) {
        var commissions = platform.commissions();
        var membership = platform.membership();
        List<Object> answers = SideBySide.all(List.of(
                () -> commissions.getCommission(GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()),
                () -> membership.getMember(GetMemberRequest.newBuilder().setName(Names.member(commissionId, memberId)).build())));
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", answers.get(0));
        model.addAttribute("memberId", memberId);
        model.addAttribute("member", answers.get(1));
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
