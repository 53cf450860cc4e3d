package org.chorus.console.pages;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.console.claims.ClaimStates;
import org.chorus.console.platform.ContractAccess;
import org.chorus.console.platform.FormErrors;
import org.chorus.console.platform.Platform;
import org.chorus.console.text.Dates;
import org.chorus.console.text.Pounds;
import org.chorus.identity.Caller;
import org.chorus.identity.KeycloakCallers;
import org.chorus.payments.v1.ApproveClaimRequest;
import org.chorus.payments.v1.BenefitsGuidanceServiceGrpc;
import org.chorus.payments.v1.Claim;
import org.chorus.payments.v1.GetClaimRequest;
import org.chorus.payments.v1.LedgerServiceGrpc;
import org.chorus.payments.v1.ListClaimsRequest;
import org.chorus.payments.v1.ListClaimsResponse;
import org.chorus.payments.v1.ListMemberTransfersRequest;
import org.chorus.payments.v1.ListMemberTransfersResponse;
import org.chorus.payments.v1.MemberTransfer;
import org.chorus.payments.v1.PaymentsServiceGrpc;
import org.chorus.payments.v1.RejectClaimRequest;
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
 * Claims: those waiting for approval, for finance and coordinators (two approvals by two different people,
 * never by the member or whoever made the claim), and a member's own claims and payments.
 */
@Controller
public class ClaimsController {

    private static final Map<String, String> REJECT_FIELDS = Map.of("reason", "reason");

    /**
     * One claim waiting for approval, as the page shows it. {@code approvable} is false when the contract's
     * object rules would refuse this person ("not own, not made by them", and not a second approval by the
     * same person); {@code requestId} is new each time the page is drawn, so pressing Approve twice counts once.
     */
    public record WaitingClaim(String claimId, String forWhom, String description, String amount, String workDate,
                               int approvals, boolean approvedByYou, boolean approvable, String whyNot,
                               String etag, String requestId, String cliffEdgeWarning, String budgetLeft) {
    }

    /** One of a member's own claims, with where it is in plain words. */
    public record OwnClaim(String description, String amount, String workDate, String stateTag, String stateColour,
                           String stateReason, String rejectionReason) {
    }

    /** One movement of money to or for a member. */
    public record OwnTransfer(String kindKey, String amount, String when) {
    }

    private final Platform platform;
    private final MessageSource messages;
    private final Dates dates;

    public ClaimsController(Platform platform, MessageSource messages, Dates dates) {
        this.platform = platform;
        this.messages = messages;
        this.dates = dates;
    }

    @GetMapping("/commissions/{commissionId}/claims")
    public String waiting(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId,
                          @RequestParam(name = "done", required = false) String done, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        if (!ContractAccess.allows(caller, PaymentsServiceGrpc.getApproveClaimMethod(), commissionId)) {
            // Only finance and coordinators approve (ApproveClaim); anyone else is shown what a stranger is.
            throw Status.NOT_FOUND.asRuntimeException();
        }
        MemberNames names = MemberNames.of(platform, caller, commissionId, messages);
        List<WaitingClaim> waiting = new ArrayList<>();
        int waitingForChoice = 0;
        for (Claim claim : allClaims(commissionId)) {
            if (claim.getState() == Claim.State.WAITING_FOR_A_CHOICE) {
                waitingForChoice++;
            }
            if (claim.getState() != Claim.State.SUBMITTED) {
                continue;
            }
            waiting.add(waitingClaim(caller, commissionId, claim, names));
        }
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", platform.commissions().getCommission(
                GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()));
        model.addAttribute("claims", waiting);
        model.addAttribute("waitingForChoice", waitingForChoice);
        model.addAttribute("done", Outcomes.known(done, Set.of("approved", "rejected")));
        return "claims";
    }

    @PostMapping("/commissions/{commissionId}/claims/{claimId}/approve")
    public String approve(@PathVariable String commissionId, @PathVariable String claimId,
                          @RequestParam("etag") String etag, @RequestParam("requestId") String requestId) {
        platform.payments().approveClaim(ApproveClaimRequest.newBuilder()
                .setName(Names.claim(commissionId, claimId))
                .setEtag(etag)
                .setRequestId(RequestIds.orFresh(requestId))
                .build());
        return "redirect:/commissions/" + commissionId + "/claims?done=approved";
    }

    @GetMapping("/commissions/{commissionId}/claims/{claimId}/reject")
    public String rejectForm(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, @PathVariable String claimId,
                             Model model) {
        return renderReject(KeycloakCallers.from(jwt), commissionId, claimId, "", FormErrors.none(), model);
    }

    @PostMapping("/commissions/{commissionId}/claims/{claimId}/reject")
    public String reject(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, @PathVariable String claimId,
                         @RequestParam(name = "reason", required = false) String reason,
                         @RequestParam(name = "etag", required = false) String etag, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        if (HomeController.blank(reason)) {
            return renderReject(caller, commissionId, claimId, "", FormErrors.none().add("reason", text("claims.reject.reason.missing")), model);
        }
        try {
            platform.payments().rejectClaim(RejectClaimRequest.newBuilder()
                    .setName(Names.claim(commissionId, claimId))
                    .setReason(reason.strip())
                    .setEtag(etag == null ? "" : etag)
                    .build());
        } catch (StatusRuntimeException refusal) {
            FormErrors errors = FormErrors.from(refusal, REJECT_FIELDS, "reason").orElseThrow(() -> refusal);
            return renderReject(caller, commissionId, claimId, reason, errors, model);
        }
        return "redirect:/commissions/" + commissionId + "/claims?done=rejected";
    }

    @GetMapping("/commissions/{commissionId}/my-payments")
    public String myPayments(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        // A member's id is their sign-in subject (Member.account); their own claims are those for that member.
        String self = Names.member(commissionId, caller.subject());
        List<OwnClaim> claims = new ArrayList<>();
        for (Claim claim : allClaims(commissionId)) {
            if (!claim.getMember().equals(self)) {
                continue;
            }
            claims.add(new OwnClaim(claim.getDescription(), claim.hasAmount() ? Pounds.of(claim.getAmount()) : "",
                    dates.shortDay(claim.getWorkDate()), ClaimStates.tagKey(claim.getState()), ClaimStates.tagColour(claim.getState()),
                    claim.getStateReason().isBlank() ? text(ClaimStates.messageKey(claim.getState())) : claim.getStateReason(),
                    claim.getRejectionReason()));
        }
        List<OwnTransfer> transfers = new ArrayList<>();
        String owed = null;
        if (ContractAccess.allows(caller, LedgerServiceGrpc.getListMemberTransfersMethod(), commissionId)) {
            ListMemberTransfersResponse ledger = platform.ledger().listMemberTransfers(ListMemberTransfersRequest.newBuilder()
                    .setParent(self).setPageSize(CommissionController.LIST_SIZE).build());
            for (MemberTransfer transfer : ledger.getTransfersList()) {
                transfers.add(new OwnTransfer(transferKey(transfer.getKind()), Pounds.fromPence(Math.abs(Pounds.pence(transfer.getAmount()))),
                        dates.shortDay(transfer.getCreateTime())));
            }
            owed = ledger.hasOwed() ? Pounds.of(ledger.getOwed()) : null;
        }
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", platform.commissions().getCommission(
                GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()));
        model.addAttribute("claims", claims);
        model.addAttribute("transfers", transfers);
        model.addAttribute("owed", owed);
        model.addAttribute("mayTry", ContractAccess.allows(caller, BenefitsGuidanceServiceGrpc.getPreviewBenefitsGuidanceMethod(), commissionId));
        return "my-payments";
    }

    private String renderReject(Caller caller, String commissionId, String claimId, String reason, FormErrors errors, Model model) {
        Claim claim = platform.payments().getClaim(GetClaimRequest.newBuilder().setName(Names.claim(commissionId, claimId)).build());
        if (claim.getState() != Claim.State.SUBMITTED && claim.getState() != Claim.State.WAITING_FOR_A_CHOICE) {
            throw Status.NOT_FOUND.asRuntimeException();
        }
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("claimId", claimId);
        model.addAttribute("claim", waitingClaim(caller, commissionId, claim, MemberNames.of(platform, caller, commissionId, messages)));
        model.addAttribute("reason", reason);
        model.addAttribute("errors", errors);
        return "claim-reject";
    }

    private WaitingClaim waitingClaim(Caller caller, String commissionId, Claim claim, MemberNames names) {
        boolean own = claim.getMember().equals(Names.member(commissionId, caller.subject()));
        boolean madeByYou = claim.getCreatedBy().equals(caller.subject());
        boolean approvedByYou = claim.getApprovalsList().stream().anyMatch(a -> a.getApprover().equals(caller.subject()));
        String whyNot = own ? text("claims.yourOwn") : madeByYou ? text("claims.madeByYou")
                : approvedByYou ? text("claims.secondFromSomeoneElse") : null;
        String forWhom = names.of(claim.getMember());
        return new WaitingClaim(Names.id(claim.getName()), forWhom, claim.getDescription(),
                claim.hasAmount() ? Pounds.of(claim.getAmount()) : "", dates.shortDay(claim.getWorkDate()),
                claim.getApprovalsCount(), approvedByYou, whyNot == null, whyNot, claim.getEtag(),
                RequestIds.fresh(), claim.getCliffEdgeWarning(),
                claim.hasBudgetLeft() ? Pounds.of(claim.getBudgetLeft()) : "");
    }

    private List<Claim> allClaims(String commissionId) {
        return Paging.all(pageToken -> platform.payments().listClaims(ListClaimsRequest.newBuilder()
                        .setParent(Names.commission(commissionId)).setPageSize(CommissionController.LIST_SIZE)
                        .setPageToken(pageToken).build()),
                ListClaimsResponse::getClaimsList, ListClaimsResponse::getNextPageToken);
    }

    static String transferKey(String kind) {
        return switch (kind) {
            case "CLAIM_APPROVED" -> "payments.transfer.claimApproved";
            case "PAID" -> "payments.transfer.paid";
            case "VOUCHER_ISSUED" -> "payments.transfer.voucherIssued";
            case "DONATED" -> "payments.transfer.donated";
            case "REVERSAL" -> "payments.transfer.reversal";
            default -> "payments.transfer.other";
        };
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }
}
