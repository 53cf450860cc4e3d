package org.chorus.payments.policy;

import static org.chorus.platform.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.chorus.payments.policy.PaymentPolicy.ExpenseKind;
import org.chorus.payments.policy.PaymentPolicy.RateBasis;
import org.chorus.payments.policy.PaymentPolicyService.Applying;
import org.chorus.payments.v1.GetPaymentPolicyRequest;
import org.chorus.payments.v1.ListPaymentPolicyRevisionsRequest;
import org.chorus.payments.v1.ListPaymentPolicyRevisionsResponse;
import org.chorus.payments.v1.PaymentPolicyServiceGrpc;
import org.chorus.payments.v1.UpdatePaymentPolicyRequest;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.names.ResourceName;
import org.chorus.platform.names.ResourcePattern;
import org.chorus.platform.protos.ProtoMoney;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.protos.UpdateMasks;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** The payment policy's gRPC adapter: maps the contract to the use cases and back, nothing else. */
@GrpcService
class PaymentPolicyGrpcService extends PaymentPolicyServiceGrpc.PaymentPolicyServiceImplBase {

    private static final ResourcePattern POLICY = ResourcePattern.of("commissions/{commission}/paymentPolicy");

    private final PaymentPolicyService policies;

    PaymentPolicyGrpcService(PaymentPolicyService policies) {
        this.policies = policies;
    }

    @Override
    public void getPaymentPolicy(GetPaymentPolicyRequest request, StreamObserver<org.chorus.payments.v1.PaymentPolicy> response) {
        ResourceName name = POLICY.parse(request.getName(), "name");
        var day = request.hasDate() ? ProtoTime.day(request.getDate(), "INVALID_PAYMENT_POLICY", "date", "The day") : null;
        reply(response, toProto(request.getName(), policies.on(Callers.current(), name.commission().value(), day)));
    }

    @Override
    public void updatePaymentPolicy(UpdatePaymentPolicyRequest request, StreamObserver<org.chorus.payments.v1.PaymentPolicy> response) {
        var sent = request.getPaymentPolicy();
        ResourceName name = POLICY.parse(sent.getName(), "payment_policy.name");
        Set<String> fields = UpdateMasks.paths(request.hasUpdateMask() ? request.getUpdateMask() : null, sent, PaymentPolicyService.CHANGEABLE);
        Violations violations = new Violations();
        var effective = sent.hasEffectiveDate()
                ? ProtoTime.dayOrViolation(sent.getEffectiveDate(), "payment_policy.effective_date", "The day it applies from", violations)
                : null;
        Long rate = sent.hasHourlyRate() ? ProtoMoney.pence(sent.getHourlyRate(), "payment_policy.hourly_rate", violations) : null;
        Long budget = sent.hasBudget() ? ProtoMoney.pence(sent.getBudget(), "payment_policy.budget", violations) : null;
        Map<ExpenseKind, Long> expenses = new EnumMap<>(ExpenseKind.class);
        for (int i = 0; i < sent.getCoveredExpensesCount(); i++) {
            var covered = sent.getCoveredExpenses(i);
            String at = "payment_policy.covered_expenses[" + i + "]";
            boolean known = violations.check(covered.getKind() != org.chorus.payments.v1.PaymentPolicy.ExpenseKind.EXPENSE_KIND_UNSPECIFIED
                    && covered.getKind() != org.chorus.payments.v1.PaymentPolicy.ExpenseKind.UNRECOGNIZED, at + ".kind",
                    "Say which kind of cost: TRAVEL, CHILDCARE, CARE, MEALS or PHONE_AND_DATA.");
            Long limit = ProtoMoney.pence(covered.getLimitPerClaim(), at + ".limit_per_claim", violations);
            if (known && violations.check(!expenses.containsKey(ExpenseKind.valueOf(covered.getKind().name())), at + ".kind",
                    "Each kind of cost is listed once.") && limit != null) {
                expenses.put(ExpenseKind.valueOf(covered.getKind().name()), limit);
            }
        }
        violations.throwIfAny("INVALID_PAYMENT_POLICY", "Some of the payment policy needs changing: see each field.");
        RateBasis basis = switch (sent.getRateBasis()) {
            case REAL_LIVING_WAGE_LONDON -> RateBasis.REAL_LIVING_WAGE_LONDON;
            case CUSTOM -> RateBasis.CUSTOM;
            default -> RateBasis.REAL_LIVING_WAGE;
        };
        PaymentPolicy values = new PaymentPolicy(0, effective, basis, rate, sent.getPreparationMinutes(), sent.getTravelTimePaid(), expenses,
                budget, null, "");
        reply(response, toProto(sent.getName(), policies.revise(Callers.current(), name.commission().value(), fields, values,
                sent.getEtag())));
    }

    @Override
    public void listPaymentPolicyRevisions(ListPaymentPolicyRevisionsRequest request,
                                           StreamObserver<ListPaymentPolicyRevisionsResponse> response) {
        ResourceName name = POLICY.parse(request.getName(), "name");
        var page = policies.revisions(Callers.current(), name.commission().value(), request.getPageSize(), request.getPageToken());
        var list = ListPaymentPolicyRevisionsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(p -> list.addPaymentPolicies(revision(request.getName(), p)));
        reply(response, list.build());
    }

    private static org.chorus.payments.v1.PaymentPolicy toProto(String name, Applying applying) {
        return revision(name, applying.policy()).toBuilder()
                .setHourlyRate(ProtoMoney.gbp(applying.rate().pence()))
                .setRateSource(applying.rate().source())
                .build();
    }

    /** A revision as stored: the rate only when the commission set its own (the Living Wage depends on the day asked about). */
    private static org.chorus.payments.v1.PaymentPolicy revision(String name, PaymentPolicy p) {
        var proto = org.chorus.payments.v1.PaymentPolicy.newBuilder()
                .setName(name)
                .setRevision(p.revision())
                .setRateBasis(org.chorus.payments.v1.PaymentPolicy.RateBasis.valueOf(p.rateBasis().name()))
                .setPreparationMinutes(p.preparationMinutes())
                .setTravelTimePaid(p.travelTimePaid())
                .setCreatedBy(p.createdBy())
                .setEtag(p.etag());
        if (p.revision() > 0) {
            proto.setEffectiveDate(ProtoTime.date(p.effectiveDate()));
        }
        if (p.customRatePence() != null) {
            proto.setHourlyRate(ProtoMoney.gbp(p.customRatePence()));
        }
        p.coveredExpenses().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> proto.addCoveredExpenses(
                org.chorus.payments.v1.PaymentPolicy.CoveredExpense.newBuilder()
                        .setKind(org.chorus.payments.v1.PaymentPolicy.ExpenseKind.valueOf(e.getKey().name()))
                        .setLimitPerClaim(ProtoMoney.gbp(e.getValue()))));
        if (p.budgetPence() != null) {
            proto.setBudget(ProtoMoney.gbp(p.budgetPence()));
        }
        if (p.createTime() != null) {
            proto.setCreateTime(ProtoTime.timestamp(p.createTime()));
        }
        return proto.build();
    }
}
