package org.chorus.console.pages;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.console.platform.ContractAccess;
import org.chorus.console.platform.FormErrors;
import org.chorus.console.platform.Platform;
import org.chorus.console.platform.Refusals;
import org.chorus.console.text.Dates;
import org.chorus.console.text.Pounds;
import org.chorus.identity.Caller;
import org.chorus.identity.KeycloakCallers;
import org.chorus.payments.v1.BankDetails;
import org.chorus.payments.v1.CreatePayoutRequest;
import org.chorus.payments.v1.GetBankDetailsRequest;
import org.chorus.payments.v1.GetPayoutFileRequest;
import org.chorus.payments.v1.GetPayoutRequest;
import org.chorus.payments.v1.ListPayoutsRequest;
import org.chorus.payments.v1.ListPayoutsResponse;
import org.chorus.payments.v1.MarkPayoutPaidRequest;
import org.chorus.payments.v1.Payout;
import org.chorus.payments.v1.PayoutFile;
import org.chorus.payments.v1.PayoutsServiceGrpc;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * Payout batches, for finance and coordinators: the commission's payouts, paying what is approved and waiting
 * by bank transfer, one payout with its payments and the file for the bank, and marking it paid once the bank
 * has sent the money (a payment the bank could not make is marked with the reason, and is owed again).
 */
@Controller
public class PayoutsController {

    /** What a payouts page may say was done, from its {@code done} parameter. */
    private static final Set<String> DONE = Set.of("made", "paid", "given", "nothing");

    /** One payout in the list. */
    public record PayoutRow(String id, String methodKey, String stateKey, String stateColour, int people, String total,
                            String made, String paid) {
    }

    /** One payment in a payout: for whom (their name only where this person may read it), how much, where. */
    public record PayoutLine(String claimId, String forWhom, String amount, String account, String stateKey,
                             String failureReason, boolean waiting) {
    }

    private final Platform platform;
    private final MessageSource messages;
    private final Dates dates;

    public PayoutsController(Platform platform, MessageSource messages, Dates dates) {
        this.platform = platform;
        this.messages = messages;
        this.dates = dates;
    }

    @GetMapping("/commissions/{commissionId}/payouts")
    public String payouts(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId,
                          @RequestParam(name = "page", required = false) String pageToken,
                          @RequestParam(name = "done", required = false) String done, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        var commissions = platform.commissions();
        var payouts = platform.payouts();
        List<Object> answers = SideBySide.all(List.of(
                () -> commissions.getCommission(GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()),
                () -> payouts.listPayouts(ListPayoutsRequest.newBuilder().setParent(Names.commission(commissionId))
                        .setPageSize(CommissionController.LIST_SIZE).setPageToken(pageToken == null ? "" : pageToken).build())));
        ListPayoutsResponse page = (ListPayoutsResponse) answers.get(1);
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", answers.get(0));
        model.addAttribute("payouts", page.getPayoutsList().stream().map(this::row).toList());
        model.addAttribute("nextPage", page.getNextPageToken());
        model.addAttribute("mayPay", ContractAccess.allows(caller, PayoutsServiceGrpc.getCreatePayoutMethod(), commissionId));
        model.addAttribute("requestId", RequestIds.fresh());
        model.addAttribute("done", Outcomes.known(done, DONE));
        return "payouts";
    }

    /** Pays by bank transfer what is approved and waiting: the file for the bank is made, the payout waits for the bank. */
    @PostMapping("/commissions/{commissionId}/payouts")
    public String payByBank(@PathVariable String commissionId, @RequestParam(name = "requestId", required = false) String requestId) {
        return pay(platform, commissionId, Payout.Method.BANK_TRANSFER, requestId)
                .map(payout -> "redirect:/commissions/" + commissionId + "/payouts/" + Names.id(payout.getName()) + "?done=made")
                .orElse("redirect:/commissions/" + commissionId + "/payouts?done=nothing");
    }

    @GetMapping("/commissions/{commissionId}/payouts/{payoutId}")
    public String payout(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, @PathVariable String payoutId,
                         @RequestParam(name = "done", required = false) String done, Model model) {
        render(KeycloakCallers.from(jwt), commissionId, payoutId, model);
        model.addAttribute("done", Outcomes.known(done, DONE));
        return "payout";
    }

    /** The page for saying which payments the bank could not make, before marking the rest paid. */
    @GetMapping("/commissions/{commissionId}/payouts/{payoutId}/paid")
    public String failuresForm(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, @PathVariable String payoutId,
                               Model model) {
        return renderFailures(KeycloakCallers.from(jwt), commissionId, payoutId, PayoutFailures.none(), FormErrors.none(), model);
    }

    /**
     * Marks the payout paid: every payment in it, except those ticked as failed ({@code failed}, claim ids), each
     * with its reason ({@code reason-<claim id>}) for the member to read.
     */
    @PostMapping("/commissions/{commissionId}/payouts/{payoutId}/paid")
    public String markPaid(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, @PathVariable String payoutId,
                           @RequestParam MultiValueMap<String, String> form, Model model) {
        PayoutFailures failures = PayoutFailures.from(form);
        FormErrors errors = FormErrors.none();
        for (String claimId : failures.withoutReason()) {
            errors.add("reason-" + claimId, text("payout.failed.reason.missing"));
        }
        if (!errors.isEmpty()) {
            return renderFailures(KeycloakCallers.from(jwt), commissionId, payoutId, failures, errors, model);
        }
        MarkPayoutPaidRequest.Builder request = MarkPayoutPaidRequest.newBuilder()
                .setName(payoutName(commissionId, payoutId))
                .setEtag(failures.etag())
                .setRequestId(RequestIds.orFresh(failures.requestId()));
        failures.reasons().forEach((claimId, reason) -> request.addFailures(MarkPayoutPaidRequest.Failure.newBuilder()
                .setClaim(Names.claim(commissionId, claimId)).setReason(reason)));
        try {
            platform.payouts().markPayoutPaid(request.build());
        } catch (StatusRuntimeException refusal) {
            FormErrors fromPlatform = FormErrors.from(refusal, Map.of("failures", "failures"), "failures").orElseThrow(() -> refusal);
            return renderFailures(KeycloakCallers.from(jwt), commissionId, payoutId, failures.again(), fromPlatform, model);
        }
        return "redirect:/commissions/" + commissionId + "/payouts/" + payoutId + "?done=paid";
    }

    /** The file for the bank, to upload there (GetPayoutFile): CSV, with the members' bank details in full. */
    @GetMapping("/commissions/{commissionId}/payouts/{payoutId}/file")
    public ResponseEntity<byte[]> file(@PathVariable String commissionId, @PathVariable String payoutId) {
        PayoutFile file = platform.payouts().getPayoutFile(GetPayoutFileRequest.newBuilder()
                .setName(payoutName(commissionId, payoutId)).build());
        String fileName = file.getFileName().matches("[A-Za-z0-9._-]{1,100}") ? file.getFileName() : "chorus-payout.csv";
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv; charset=US-ASCII"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(file.getContent().toByteArray());
    }

    /**
     * Pays what is approved and waiting for {@code method} (CreatePayout, with the form's request id so a second
     * press replays the first); empty when nothing can be paid that way now, which is no error.
     */
    static Optional<Payout> pay(Platform platform, String commissionId, Payout.Method method, String requestId) {
        try {
            return Optional.of(platform.payouts().createPayout(CreatePayoutRequest.newBuilder()
                    .setParent(Names.commission(commissionId))
                    .setPayout(Payout.newBuilder().setMethod(method))
                    .setRequestId(RequestIds.orFresh(requestId))
                    .build()));
        } catch (StatusRuntimeException refusal) {
            if (Refusals.is(refusal, Status.Code.FAILED_PRECONDITION, "NOTHING_TO_PAY")) {
                return Optional.empty();
            }
            throw refusal;
        }
    }

    private String renderFailures(Caller caller, String commissionId, String payoutId, PayoutFailures failures, FormErrors errors,
                                  Model model) {
        Payout payout = render(caller, commissionId, payoutId, model);
        if (payout.getMethod() != Payout.Method.BANK_TRANSFER || payout.getState() != Payout.State.SENT_TO_BANK) {
            throw Status.NOT_FOUND.asRuntimeException();
        }
        model.addAttribute("failures", failures);
        model.addAttribute("errors", errors);
        return "payout-paid";
    }

    /** The payout and its lines in the model; the payout itself for the caller. */
    private Payout render(Caller caller, String commissionId, String payoutId, Model model) {
        var commissions = platform.commissions();
        var payouts = platform.payouts();
        List<Object> answers = SideBySide.all(List.of(
                () -> commissions.getCommission(GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()),
                () -> payouts.getPayout(GetPayoutRequest.newBuilder().setName(payoutName(commissionId, payoutId)).build())));
        Payout payout = (Payout) answers.get(1);
        MemberNames names = MemberNames.of(platform, caller, commissionId, messages);
        Map<String, String> accounts = payout.getMethod() == Payout.Method.BANK_TRANSFER ? accounts(caller, commissionId, payout) : Map.of();
        List<PayoutLine> lines = new ArrayList<>();
        for (Payout.Item item : payout.getItemsList()) {
            lines.add(new PayoutLine(Names.id(item.getClaim()), names.of(item.getMember()), Pounds.of(item.getAmount()),
                    accounts.getOrDefault(item.getMember(), ""), "payout.item." + item.getState().name(), item.getFailureReason(),
                    item.getState() == Payout.Item.State.WAITING));
        }
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", answers.get(0));
        model.addAttribute("payoutId", payoutId);
        model.addAttribute("payout", row(payout));
        model.addAttribute("method", payout.getMethod().name());
        model.addAttribute("waitingForTheBank", payout.getMethod() == Payout.Method.BANK_TRANSFER
                && payout.getState() == Payout.State.SENT_TO_BANK);
        model.addAttribute("leftOut", payout.getClaimsLeftOut());
        model.addAttribute("lines", lines);
        model.addAttribute("etag", payout.getEtag());
        model.addAttribute("requestId", RequestIds.fresh());
        return payout;
    }

    /**
     * Each member's bank account as the platform shows it, masked ("account ending 78"), where this person may read
     * it (GetBankDetails); nothing for a member with none.
     */
    private Map<String, String> accounts(Caller caller, String commissionId, Payout payout) {
        if (!ContractAccess.allows(caller, PayoutsServiceGrpc.getGetBankDetailsMethod(), commissionId)) {
            return Map.of();
        }
        Set<String> members = new LinkedHashSet<>();
        payout.getItemsList().forEach(item -> members.add(item.getMember()));
        var payouts = platform.payouts();
        List<Callable<BankDetails>> calls = new ArrayList<>();
        for (String member : members) {
            calls.add(() -> SideBySide.orNothing(() -> payouts.getBankDetails(GetBankDetailsRequest.newBuilder()
                    .setName(member + "/bankDetails").build())));
        }
        Map<String, String> accounts = new HashMap<>();
        List<BankDetails> answers = SideBySide.all(calls);
        int i = 0;
        for (String member : members) {
            BankDetails details = answers.get(i++);
            if (details != null && !details.getMasked().isBlank()) {
                accounts.put(member, details.getMasked());
            }
        }
        return accounts;
    }

    private PayoutRow row(Payout payout) {
        boolean bank = payout.getMethod() == Payout.Method.BANK_TRANSFER;
        boolean done = payout.getState() == Payout.State.DONE;
        String stateKey = !done ? "payout.state.waiting" : bank ? "payout.state.paid" : "payout.state.given";
        long people = payout.getItemsList().stream().map(Payout.Item::getMember).distinct().count();
        return new PayoutRow(Names.id(payout.getName()), "payout.method." + payout.getMethod().name(), stateKey,
                done ? "govuk-tag--green" : "govuk-tag--yellow", (int) people, Pounds.of(payout.getTotal()),
                dates.shortDay(payout.getCreateTime()), dates.shortDay(payout.getDoneTime()));
    }

    private static String payoutName(String commissionId, String payoutId) {
        return Names.commission(commissionId) + "/payouts/" + payoutId;
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
