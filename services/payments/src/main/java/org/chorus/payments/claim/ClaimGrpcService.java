package org.chorus.payments.claim;

import static org.chorus.platform.grpc.Replies.reply;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.chorus.identity.Caller;
import org.chorus.payments.claim.ClaimService.ReceiptFile;
import org.chorus.payments.claim.ClaimService.Seen;
import org.chorus.payments.policy.PaymentPolicy.ExpenseKind;
import org.chorus.payments.v1.ApproveClaimRequest;
import org.chorus.payments.v1.CreateClaimRequest;
import org.chorus.payments.v1.GetClaimReceiptRequest;
import org.chorus.payments.v1.GetClaimRequest;
import org.chorus.payments.v1.ListClaimsRequest;
import org.chorus.payments.v1.ListClaimsResponse;
import org.chorus.payments.v1.PaymentPolicy;
import org.chorus.payments.v1.PaymentsServiceGrpc;
import org.chorus.payments.v1.RejectClaimRequest;
import org.chorus.payments.v1.ReverseClaimRequest;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.names.ResourceName;
import org.chorus.platform.names.ResourcePattern;
import org.chorus.platform.protos.ProtoMoney;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.requests.RememberedAnswers;
import org.chorus.platform.requests.RequestIds;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** Claims' gRPC adapter: maps the contract to the use cases and back, nothing else. */
@GrpcService
class ClaimGrpcService extends PaymentsServiceGrpc.PaymentsServiceImplBase {

    private static final ResourcePattern CLAIM = ResourcePattern.of("commissions/{commission}/claims/{claim}");
    private static final ResourcePattern RECEIPT = ResourcePattern.of("commissions/{commission}/claims/{claim}/receipts/{receipt}");

    private final ClaimService claims;
    private final RememberedAnswers answers;

    ClaimGrpcService(ClaimService claims, RememberedAnswers answers) {
        this.claims = claims;
        this.answers = answers;
    }

    @Override
    public void createClaim(CreateClaimRequest request, StreamObserver<org.chorus.payments.v1.Claim> response) {
        String commission = CommissionId.parse(request.getParent(), "parent").value();
        var sent = request.getClaim();
        Violations violations = new Violations();
        String member = ResourcePattern.MEMBER_NAME.match(sent.getMember())
                .filter(name -> name.commission().value().equals(commission)).map(ResourceName::last).orElse(null);
        violations.check(member != null, "claim.member", "Name the member of this commission the claim is for: "
                + "\"commissions/" + commission + "/members/\" and their id.");
        LocalDate day = sent.hasWorkDate() ? ProtoTime.dayOrViolation(sent.getWorkDate(), "claim.work_date", "The day", violations) : null;
        Long amount = sent.hasAmount() ? ProtoMoney.pence(sent.getAmount(), "claim.amount", violations) : null;
        Claim.Kind kind = switch (sent.getKind()) {
            case TIME -> Claim.Kind.TIME;
            case EXPENSE -> Claim.Kind.EXPENSE;
            default -> null;
        };
        ExpenseKind expense = switch (sent.getExpenseKind()) {
            case EXPENSE_KIND_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> ExpenseKind.valueOf(sent.getExpenseKind().name());
        };
        violations.check(sent.getReceiptsCount() <= Receipt.MOST_PER_CLAIM, "claim.receipts",
                "Send up to " + Receipt.MOST_PER_CLAIM + " receipts with a claim.");
        List<Receipt> receipts = new ArrayList<>();
        for (int i = 0; i < Math.min(sent.getReceiptsCount(), Receipt.MOST_PER_CLAIM); i++) {
            var receipt = sent.getReceipts(i);
            Receipt checked = Receipt.of(i + 1, receipt.getContentType(), receipt.getContent().toByteArray(), "claim.receipts[" + i + "]",
                    violations);
            if (checked != null) {
                receipts.add(checked);
            }
        }
        NewClaim command = NewClaim.of(commission, member, kind, sent.getDescription(), sent.getMinutes(), day, expense, amount,
                receipts, request.getRequestId(), claims.today(), violations);
        Caller caller = Callers.current();
        reply(response, answers.once(caller, commission, command.requestId(), request, org.chorus.payments.v1.Claim.parser(),
                () -> toProto(new Seen(claims.create(caller, command)))));
    }

    @Override
    public void getClaim(GetClaimRequest request, StreamObserver<org.chorus.payments.v1.Claim> response) {
        ResourceName name = CLAIM.parse(request.getName(), "name");
        reply(response, toProto(claims.get(Callers.current(), name.commission().value(), id(name))));
    }

    @Override
    public void listClaims(ListClaimsRequest request, StreamObserver<ListClaimsResponse> response) {
        String commission = CommissionId.parse(request.getParent(), "parent").value();
        var page = claims.list(Callers.current(), commission, request.getPageSize(), request.getPageToken(), filter(request));
        var list = ListClaimsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(c -> list.addClaims(toProto(new Seen(c))));
        reply(response, list.build());
    }

    private static ClaimRepository.Filter filter(ListClaimsRequest request) {
        Set<Claim.State> states = EnumSet.noneOf(Claim.State.class);
        for (int i = 0; i < request.getStatesCount(); i++) {
            org.chorus.payments.v1.Claim.State state = request.getStates(i);
            if (state == org.chorus.payments.v1.Claim.State.STATE_UNSPECIFIED || state == org.chorus.payments.v1.Claim.State.UNRECOGNIZED) {
                throw ChorusException.invalid("INVALID_CLAIM", "states[" + i + "]",
                        "Name a state (such as SUBMITTED), or leave states out to list every claim.");
            }
            states.add(Claim.State.valueOf(state.name()));
        }
        return new ClaimRepository.Filter(states, request.getCorrectionToCheck());
    }

    @Override
    public void getClaimReceipt(GetClaimReceiptRequest request, StreamObserver<org.chorus.payments.v1.Receipt> response) {
        ResourceName name = RECEIPT.parse(request.getName(), "name");
        int number;
        try {
            number = Integer.parseInt(name.last());
        } catch (NumberFormatException notANumber) {
            number = 0;
        }
        ReceiptFile file = claims.receipt(Callers.current(), name.commission().value(), uuid(name.id("claim")), number);
        reply(response, org.chorus.payments.v1.Receipt.newBuilder().setName(name.toString()).setContentType(file.kept().contentType())
                .setSizeBytes(file.kept().sizeBytes()).setContent(ByteString.copyFrom(file.content())).build());
    }

    @Override
    public void approveClaim(ApproveClaimRequest request, StreamObserver<org.chorus.payments.v1.Claim> response) {
        ResourceName name = CLAIM.parse(request.getName(), "name");
        UUID requestId = RequestIds.requestId(request.getRequestId());
        if (requestId == null) {
            throw ChorusException.invalid("INVALID_CLAIM", "request_id", "Send a request id (a UUID), so that a retry never approves twice.");
        }
        Caller caller = Callers.current();
        String commission = name.commission().value();
        reply(response, answers.once(caller, commission, requestId, request, org.chorus.payments.v1.Claim.parser(),
                () -> toProto(new Seen(claims.approve(caller, commission, id(name), request.getEtag())))));
    }

    @Override
    public void rejectClaim(RejectClaimRequest request, StreamObserver<org.chorus.payments.v1.Claim> response) {
        ResourceName name = CLAIM.parse(request.getName(), "name");
        reply(response, toProto(new Seen(claims.reject(Callers.current(), name.commission().value(), id(name), request.getReason(),
                request.getEtag()))));
    }

    @Override
    public void reverseClaim(ReverseClaimRequest request, StreamObserver<org.chorus.payments.v1.Claim> response) {
        ResourceName name = CLAIM.parse(request.getName(), "name");
        UUID requestId = RequestIds.requestId(request.getRequestId());
        if (requestId == null) {
            throw ChorusException.invalid("INVALID_CLAIM", "request_id", "Send a request id (a UUID), so that a retry never cancels twice.");
        }
        Caller caller = Callers.current();
        String commission = name.commission().value();
        reply(response, answers.once(caller, commission, requestId, request, org.chorus.payments.v1.Claim.parser(),
                () -> toProto(new Seen(claims.reverse(caller, commission, id(name), request.getReason(), request.getEtag())))));
    }

    private static UUID id(ResourceName name) {
        return uuid(name.last());
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notUuid) {
            throw ChorusException.invalid("INVALID_NAME", "name", "A claim's name has its id, a UUID.");
        }
    }

    private static org.chorus.payments.v1.Claim toProto(Seen seen) {
        Claim c = seen.claim();
        var proto = org.chorus.payments.v1.Claim.newBuilder()
                .setName(c.resourceName())
                .setMember(c.memberName())
                .setDescription(c.description())
                .setAmount(ProtoMoney.gbp(c.amountPence()))
                .setState(org.chorus.payments.v1.Claim.State.valueOf(c.state().name()))
                .setCreateTime(ProtoTime.timestamp(c.createTime()))
                .setEtag(c.etag())
                .setKind(org.chorus.payments.v1.Claim.Kind.valueOf(c.kind().name()))
                .setWorkDate(ProtoTime.date(c.workDate()))
                .setPolicyRevision(c.policyRevision())
                .setPaymentMethod(c.paymentMethod() == null ? "" : c.paymentMethod())
                .setRejectionReason(c.rejectionReason() == null ? "" : c.rejectionReason())
                .setStateReason(c.stateReason())
                .setCancellationReason(c.cancellation() == null ? "" : c.cancellation())
                .setCorrectionToCheck(c.attendance().toCheck() == null ? "" : c.attendance().toCheck())
                .setCreatedBy(c.createdBy());
        if (c.minutes() != null) {
            proto.setMinutes(c.minutes()).setHourlyRate(ProtoMoney.gbp(c.hourlyRatePence()));
        }
        if (c.expenseKind() != null) {
            proto.setExpenseKind(PaymentPolicy.ExpenseKind.valueOf(c.expenseKind().name()));
        }
        c.receipts().forEach(r -> proto.addReceipts(org.chorus.payments.v1.Receipt.newBuilder()
                .setName(RECEIPT.format(c.commission(), c.id().toString(), String.valueOf(r.number())))
                .setContentType(r.contentType()).setSizeBytes(r.sizeBytes())));
        c.approvals().forEach(a -> proto.addApprovals(org.chorus.payments.v1.Claim.Approval.newBuilder()
                .setApprover(a.approver()).setApproveTime(ProtoTime.timestamp(a.time()))));
        if (seen.budgetLeftPence() != null) {
            proto.setBudgetLeft(ProtoMoney.gbp(seen.budgetLeftPence()));
        }
        if (seen.cliffEdgeWarning() != null) {
            proto.setCliffEdgeWarning(seen.cliffEdgeWarning());
        }
        return proto.build();
    }
}
