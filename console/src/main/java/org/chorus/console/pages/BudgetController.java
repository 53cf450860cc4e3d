package org.chorus.console.pages;

import io.grpc.StatusRuntimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.console.platform.ContractAccess;
import org.chorus.console.platform.FormErrors;
import org.chorus.console.platform.Platform;
import org.chorus.console.text.Dates;
import org.chorus.console.text.Pounds;
import org.chorus.identity.Caller;
import org.chorus.identity.KeycloakCallers;
import org.chorus.payments.v1.GetLedgerSummaryRequest;
import org.chorus.payments.v1.GetPaymentPolicyRequest;
import org.chorus.payments.v1.LedgerServiceGrpc;
import org.chorus.payments.v1.LedgerSummary;
import org.chorus.payments.v1.ListPaymentPolicyRevisionsRequest;
import org.chorus.payments.v1.ListPaymentPolicyRevisionsResponse;
import org.chorus.payments.v1.PaymentPolicy;
import org.chorus.payments.v1.PaymentPolicyServiceGrpc;
import org.chorus.payments.v1.PaymentPolicyServiceGrpc.PaymentPolicyServiceBlockingStub;
import org.chorus.payments.v1.UpdatePaymentPolicyRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The budget: how the commission pays people for their time (its payment policy as it applies today), where its
 * money is and what is left (the ledger, for finance and coordinators), every change to the policy, and the form to
 * change it from a day on (a change applies from its day; what was claimed before keeps its rate).
 */
@Controller
public class BudgetController {

    /** Which part of UpdatePaymentPolicy's request each form field fills, for the platform's field violations. */
    private static final Map<String, String> POLICY_FIELDS = Map.of(
            "payment_policy.effective_date", "day",
            "payment_policy.rate_basis", "rateBasis",
            "payment_policy.hourly_rate", "hourlyRate",
            "payment_policy.preparation_minutes", "preparationMinutes",
            "payment_policy.travel_time_paid", "travelTimePaid",
            "payment_policy.covered_expenses", "limit-TRAVEL",
            "payment_policy.budget", "budget");

    /** One kind of cost covered, as the page shows it. */
    public record Covered(String kind, String limit) {
    }

    /** One revision of the policy in its history. */
    public record Revision(int number, String from, String rateKey, String customRate, int preparationMinutes,
                           boolean travelTimePaid, String budget, String made) {
    }

    /** Where the money is, from the ledger. {@code left} is empty when no budget is set. */
    public record Money(String spent, String left, String owed, String paidOut, String vouchersInStock, String donations,
                        long creditHours, long creditMinutes, boolean balanced) {
    }

    private final Platform platform;
    private final MessageSource messages;
    private final Dates dates;

    public BudgetController(Platform platform, MessageSource messages, Dates dates) {
        this.platform = platform;
        this.messages = messages;
        this.dates = dates;
    }

    @GetMapping("/commissions/{commissionId}/budget")
    public String budget(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId,
                         @RequestParam(name = "done", required = false) String done, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        boolean readsLedger = ContractAccess.allows(caller, LedgerServiceGrpc.getGetLedgerSummaryMethod(), commissionId);
        var commissions = platform.commissions();
        var policies = platform.paymentPolicy();
        var ledger = platform.ledger();
        String name = Names.commission(commissionId);
        List<Callable<Object>> calls = List.of(
                () -> commissions.getCommission(GetCommissionRequest.newBuilder().setName(name).build()),
                () -> policies.getPaymentPolicy(GetPaymentPolicyRequest.newBuilder().setName(name + "/paymentPolicy").build()),
                () -> revisions(policies, commissionId),
                () -> readsLedger ? ledger.getLedgerSummary(GetLedgerSummaryRequest.newBuilder().setName(name + "/ledger").build())
                        : LedgerSummary.getDefaultInstance());
        List<Object> answers = SideBySide.all(calls);
        PaymentPolicy policy = (PaymentPolicy) answers.get(1);
        @SuppressWarnings("unchecked")
        List<PaymentPolicy> revisions = (List<PaymentPolicy>) answers.get(2);
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", answers.get(0));
        model.addAttribute("policy", policy);
        model.addAttribute("rate", policy.hasHourlyRate() ? Pounds.of(policy.getHourlyRate()) : "");
        model.addAttribute("covered", policy.getCoveredExpensesList().stream()
                .map(c -> new Covered(c.getKind().name(), Pounds.of(c.getLimitPerClaim()))).toList());
        model.addAttribute("policyBudget", policy.hasBudget() ? Pounds.of(policy.getBudget()) : "");
        model.addAttribute("money", readsLedger ? money(policy, (LedgerSummary) answers.get(3)) : null);
        model.addAttribute("revisions", revisions.stream().map(this::revision).toList());
        model.addAttribute("mayChange", ContractAccess.allows(caller, PaymentPolicyServiceGrpc.getUpdatePaymentPolicyMethod(), commissionId));
        model.addAttribute("done", Outcomes.known(done, Set.of("changed")));
        return "budget";
    }

    @GetMapping("/commissions/{commissionId}/budget/change")
    public String changeForm(@PathVariable String commissionId, Model model) {
        PaymentPolicy latest = latest(commissionId);
        return renderChange(commissionId, PolicyForm.of(latest, LocalDate.now(Dates.UK)), FormErrors.none(), model);
    }

    @PostMapping("/commissions/{commissionId}/budget/change")
    public String change(@PathVariable String commissionId, @RequestParam MultiValueMap<String, String> sent, Model model) {
        PolicyForm form = PolicyForm.from(sent);
        FormErrors errors = FormErrors.none();
        form.check((field, key) -> errors.add(field, text(key)));
        if (!errors.isEmpty()) {
            return renderChange(commissionId, form, errors, model);
        }
        try {
            platform.paymentPolicy().updatePaymentPolicy(UpdatePaymentPolicyRequest.newBuilder()
                    .setPaymentPolicy(form.revision(commissionId))
                    .setUpdateMask(PolicyForm.everyField())
                    .build());
        } catch (StatusRuntimeException refusal) {
            FormErrors fromPlatform = FormErrors.from(refusal, POLICY_FIELDS, "day").orElseThrow(() -> refusal);
            return renderChange(commissionId, form, fromPlatform, model);
        }
        return "redirect:/commissions/" + commissionId + "/budget?done=changed";
    }

    private String renderChange(String commissionId, PolicyForm form, FormErrors errors, Model model) {
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", platform.commissions().getCommission(
                GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()));
        model.addAttribute("form", form);
        model.addAttribute("kinds", PolicyForm.EXPENSE_KINDS);
        model.addAttribute("bases", PolicyForm.RATE_BASES);
        model.addAttribute("errors", errors);
        return "budget-change";
    }

    /** The latest revision, which a change starts from (the policy every commission starts with when there is none). */
    private PaymentPolicy latest(String commissionId) {
        ListPaymentPolicyRevisionsResponse newest = platform.paymentPolicy().listPaymentPolicyRevisions(
                ListPaymentPolicyRevisionsRequest.newBuilder().setName(Names.commission(commissionId) + "/paymentPolicy")
                        .setPageSize(1).build());
        return newest.getPaymentPoliciesCount() > 0 ? newest.getPaymentPolicies(0)
                : platform.paymentPolicy().getPaymentPolicy(GetPaymentPolicyRequest.newBuilder()
                        .setName(Names.commission(commissionId) + "/paymentPolicy").build());
    }

    /** Every revision, newest first (the stub made on the request's thread: it holds the person's token). */
    private static List<PaymentPolicy> revisions(PaymentPolicyServiceBlockingStub policies, String commissionId) {
        return Paging.all(pageToken -> policies.listPaymentPolicyRevisions(ListPaymentPolicyRevisionsRequest.newBuilder()
                        .setName(Names.commission(commissionId) + "/paymentPolicy").setPageSize(CommissionController.LIST_SIZE)
                        .setPageToken(pageToken).build()),
                ListPaymentPolicyRevisionsResponse::getPaymentPoliciesList, ListPaymentPolicyRevisionsResponse::getNextPageToken);
    }

    private Revision revision(PaymentPolicy p) {
        return new Revision(p.getRevision(), dates.shortDay(p.getEffectiveDate()), "budget.rate." + p.getRateBasis().name(),
                p.getRateBasis() == PaymentPolicy.RateBasis.CUSTOM && p.hasHourlyRate() ? Pounds.of(p.getHourlyRate()) : "",
                p.getPreparationMinutes(), p.getTravelTimePaid(), p.hasBudget() ? Pounds.of(p.getBudget()) : "",
                dates.shortDay(p.getCreateTime()));
    }

    /** What is left is the policy's budget less what the ledger says was spent from it (as each claim shows it). */
    static Money money(PaymentPolicy policy, LedgerSummary ledger) {
        long spent = Pounds.pence(ledger.getBudgetSpent());
        return new Money(Pounds.fromPence(spent), policy.hasBudget() ? Pounds.fromPence(Pounds.pence(policy.getBudget()) - spent) : "",
                Pounds.of(ledger.getOwed()), Pounds.of(ledger.getPaidOut()), Pounds.of(ledger.getVouchersInStock()),
                Pounds.of(ledger.getDonations()), ledger.getTimeCreditMinutes() / 60, ledger.getTimeCreditMinutes() % 60,
                ledger.getBalanced());
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
