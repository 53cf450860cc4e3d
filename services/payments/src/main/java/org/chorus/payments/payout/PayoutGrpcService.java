package org.chorus.payments.payout;

import static org.chorus.platform.grpc.Replies.reply;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.chorus.identity.Caller;
import org.chorus.payments.payout.PayoutRepository.Stock;
import org.chorus.payments.payout.PayoutService.MaskedBankDetails;
import org.chorus.payments.v1.BankDetails;
import org.chorus.payments.v1.CreatePayoutRequest;
import org.chorus.payments.v1.GetBankDetailsRequest;
import org.chorus.payments.v1.GetPayoutFileRequest;
import org.chorus.payments.v1.GetPayoutRequest;
import org.chorus.payments.v1.GetVoucherStockRequest;
import org.chorus.payments.v1.ListPayoutsRequest;
import org.chorus.payments.v1.ListPayoutsResponse;
import org.chorus.payments.v1.ListVouchersRequest;
import org.chorus.payments.v1.ListVouchersResponse;
import org.chorus.payments.v1.LoadVouchersRequest;
import org.chorus.payments.v1.MarkPayoutPaidRequest;
import org.chorus.payments.v1.PayoutFile;
import org.chorus.payments.v1.PayoutsServiceGrpc;
import org.chorus.payments.v1.UpdateBankDetailsRequest;
import org.chorus.payments.v1.Voucher;
import org.chorus.payments.v1.VoucherStock;
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

/** Payouts' gRPC adapter: maps the contract to the use cases and back, nothing else. */
@GrpcService
class PayoutGrpcService extends PayoutsServiceGrpc.PayoutsServiceImplBase {

    private static final ResourcePattern BANK_DETAILS = ResourcePattern.of("commissions/{commission}/members/{member}/bankDetails");
    private static final ResourcePattern VOUCHER_STOCK = ResourcePattern.of("commissions/{commission}/voucherStock");
    private static final ResourcePattern PAYOUT = ResourcePattern.of("commissions/{commission}/payouts/{payout}");
    private static final ResourcePattern CLAIM = ResourcePattern.of("commissions/{commission}/claims/{claim}");

    private final PayoutService payouts;
    private final RememberedAnswers answers;

    PayoutGrpcService(PayoutService payouts, RememberedAnswers answers) {
        this.payouts = payouts;
        this.answers = answers;
    }

    @Override
    public void updateBankDetails(UpdateBankDetailsRequest request, StreamObserver<BankDetails> response) {
        var sent = request.getBankDetails();
        ResourceName name = BANK_DETAILS.parse(sent.getName(), "bank_details.name");
        reply(response, toProto(payouts.setBankDetails(Callers.current(), name.commission().value(), name.id("member"),
                () -> org.chorus.payments.payout.BankDetails.of(sent.getAccountName(), sent.getSortCode(), sent.getAccountNumber())),
                name.commission().value()));
    }

    @Override
    public void getBankDetails(GetBankDetailsRequest request, StreamObserver<BankDetails> response) {
        ResourceName name = BANK_DETAILS.parse(request.getName(), "name");
        reply(response, toProto(payouts.bankDetails(Callers.current(), name.commission().value(), name.id("member")),
                name.commission().value()));
    }

    @Override
    public void loadVouchers(LoadVouchersRequest request, StreamObserver<VoucherStock> response) {
        String commission = CommissionId.parse(request.getParent(), "parent").value();
        Violations violations = new Violations();
        Long value = request.hasValue() ? ProtoMoney.pence(request.getValue(), "value", violations) : null;
        UUID requestId = requestId(request.getRequestId(), "load them twice", violations);
        violations.throwIfAny("INVALID_VOUCHERS", "The vouchers need changing: see each field.");
        Caller caller = Callers.current();
        reply(response, answers.once(caller, commission, requestId, request, VoucherStock.parser(),
                () -> toProto(payouts.loadVouchers(caller, commission, request.getSupplier(), value, request.getCodesList()), commission)));
    }

    @Override
    public void getVoucherStock(GetVoucherStockRequest request, StreamObserver<VoucherStock> response) {
        String commission = VOUCHER_STOCK.parse(request.getName(), "name").commission().value();
        reply(response, toProto(payouts.voucherStock(Callers.current(), commission), commission));
    }

    @Override
    public void listVouchers(ListVouchersRequest request, StreamObserver<ListVouchersResponse> response) {
        ResourceName member = ResourcePattern.MEMBER_NAME.parse(request.getParent(), "parent");
        String commission = member.commission().value();
        var page = payouts.vouchersOf(Callers.current(), commission, member.last(), request.getPageSize(), request.getPageToken());
        var list = ListVouchersResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(v -> {
            var voucher = Voucher.newBuilder()
                    .setName("commissions/" + commission + "/vouchers/" + v.id())
                    .setSupplier(v.supplier())
                    .setValue(ProtoMoney.gbp(v.valuePence()))
                    .setClaim("commissions/" + commission + "/claims/" + v.claim())
                    .setIssueTime(ProtoTime.timestamp(v.issueTime()));
            if (v.code() != null) {
                voucher.setCode(v.code());
            }
            list.addVouchers(voucher);
        });
        reply(response, list.build());
    }

    @Override
    public void createPayout(CreatePayoutRequest request, StreamObserver<org.chorus.payments.v1.Payout> response) {
        String commission = CommissionId.parse(request.getParent(), "parent").value();
        Violations violations = new Violations();
        Payout.Method method = switch (request.getPayout().getMethod()) {
            case BANK_TRANSFER -> Payout.Method.BANK_TRANSFER;
            case VOUCHERS -> Payout.Method.VOUCHERS;
            default -> null;
        };
        violations.check(method != null, "payout.method", "Say how to pay: BANK_TRANSFER or VOUCHERS.");
        UUID requestId = requestId(request.getRequestId(), "pay twice", violations);
        violations.throwIfAny("INVALID_PAYOUT", "The payout needs changing: see each field.");
        Caller caller = Callers.current();
        reply(response, answers.once(caller, commission, requestId, request, org.chorus.payments.v1.Payout.parser(),
                () -> toProto(payouts.create(caller, commission, method))));
    }

    @Override
    public void getPayout(GetPayoutRequest request, StreamObserver<org.chorus.payments.v1.Payout> response) {
        ResourceName name = PAYOUT.parse(request.getName(), "name");
        reply(response, toProto(payouts.get(Callers.current(), name.commission().value(), id(name))));
    }

    @Override
    public void listPayouts(ListPayoutsRequest request, StreamObserver<ListPayoutsResponse> response) {
        String commission = CommissionId.parse(request.getParent(), "parent").value();
        var page = payouts.list(Callers.current(), commission, request.getPageSize(), request.getPageToken());
        var list = ListPayoutsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(p -> list.addPayouts(toProto(p)));
        reply(response, list.build());
    }

    @Override
    public void getPayoutFile(GetPayoutFileRequest request, StreamObserver<PayoutFile> response) {
        ResourceName name = PAYOUT.parse(request.getName(), "name");
        BankFile file = payouts.file(Callers.current(), name.commission().value(), id(name));
        reply(response, PayoutFile.newBuilder().setFileName(file.fileName()).setContentType(file.contentType())
                .setContent(ByteString.copyFrom(file.content())).build());
    }

    @Override
    public void markPayoutPaid(MarkPayoutPaidRequest request, StreamObserver<org.chorus.payments.v1.Payout> response) {
        ResourceName name = PAYOUT.parse(request.getName(), "name");
        String commission = name.commission().value();
        Violations violations = new Violations();
        violations.check(!request.getEtag().isBlank(), "etag", "Send the payout's etag as you last read it.");
        Map<UUID, String> failures = new LinkedHashMap<>();
        for (int i = 0; i < request.getFailuresCount(); i++) {
            var failure = request.getFailures(i);
            String field = "failures[" + i + "]";
            UUID claim = CLAIM.match(failure.getClaim()).filter(c -> c.commission().value().equals(commission))
                    .map(PayoutGrpcService::uuidOrNull).orElse(null);
            violations.check(claim != null, field + ".claim", "Name a claim of this commission: commissions/" + commission + "/claims/ and its id.");
            if (violations.checkText(failure.getReason(), field + ".reason", "why the payment failed, in words the member can read", 1, 500)
                    && claim != null) {
                violations.check(failures.put(claim, failure.getReason().strip()) == null, field + ".claim", "This claim is listed twice.");
            }
        }
        UUID requestId = requestId(request.getRequestId(), "pay twice", violations);
        violations.throwIfAny("INVALID_PAYOUT", "The payout needs changing: see each field.");
        Caller caller = Callers.current();
        reply(response, answers.once(caller, commission, requestId, request, org.chorus.payments.v1.Payout.parser(),
                () -> toProto(payouts.markPaid(caller, commission, id(name), request.getEtag(), failures))));
    }

    private static UUID requestId(String sent, String never, Violations violations) {
        UUID id = RequestIds.requestId(sent, violations);
        violations.check(sent != null && !sent.isBlank(), "request_id", "Send a request id (a UUID), so that a retry never does it twice: never "
                + never + ".");
        return id;
    }

    private static UUID id(ResourceName name) {
        UUID id = uuidOrNull(name);
        if (id == null) {
            throw ChorusException.invalid("INVALID_NAME", "name", "A payout's name ends with its id, a UUID.");
        }
        return id;
    }

    private static UUID uuidOrNull(ResourceName name) {
        try {
            return UUID.fromString(name.last());
        } catch (IllegalArgumentException notUuid) {
            return null;
        }
    }

    private static BankDetails toProto(MaskedBankDetails details, String commission) {
        return BankDetails.newBuilder()
                .setName(BANK_DETAILS.format(commission, details.member()))
                .setMasked(details.masked())
                .setUpdateTime(ProtoTime.timestamp(details.updateTime()))
                .build();
    }

    private static VoucherStock toProto(Stock stock, String commission) {
        return VoucherStock.newBuilder().setName(VOUCHER_STOCK.format(commission)).setCount(stock.count())
                .setTotal(ProtoMoney.gbp(stock.totalPence())).build();
    }

    private static org.chorus.payments.v1.Payout toProto(Payout p) {
        var proto = org.chorus.payments.v1.Payout.newBuilder()
                .setName(p.resourceName())
                .setMethod(org.chorus.payments.v1.Payout.Method.valueOf(p.method().name()))
                .setState(org.chorus.payments.v1.Payout.State.valueOf(p.state().name()))
                .setTotal(ProtoMoney.gbp(p.totalPence()))
                .setCreatedBy(p.createdBy())
                .setCreateTime(ProtoTime.timestamp(p.createTime()))
                .setEtag(p.etag())
                .setClaimsLeftOut(p.claimsLeftOut());
        if (p.doneTime() != null) {
            proto.setDoneBy(p.doneBy()).setDoneTime(ProtoTime.timestamp(p.doneTime()));
        }
        p.items().forEach(item -> proto.addItems(org.chorus.payments.v1.Payout.Item.newBuilder()
                .setClaim("commissions/" + p.commission() + "/claims/" + item.claim())
                .setMember(ResourcePattern.MEMBER_NAME.format(p.commission(), item.member()))
                .setAmount(ProtoMoney.gbp(item.amountPence()))
                .setState(org.chorus.payments.v1.Payout.Item.State.valueOf(item.state().name()))
                .setFailureReason(item.failureReason() == null ? "" : item.failureReason())));
        return proto.build();
    }
}
