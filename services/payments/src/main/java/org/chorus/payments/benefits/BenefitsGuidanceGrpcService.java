package org.chorus.payments.benefits;

import static org.chorus.platform.grpc.Replies.reply;

import com.google.protobuf.ByteString;
import com.google.type.Date;
import com.google.type.Money;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.chorus.payments.benefits.BenefitsGuidanceService.LetterDetails;
import org.chorus.payments.benefits.BenefitsGuidanceService.Previewed;
import org.chorus.payments.guidance.BenefitGuidance;
import org.chorus.payments.guidance.CliffEdge;
import org.chorus.payments.guidance.Guidance;
import org.chorus.payments.guidance.GuidanceRequest.BenefitDraft;
import org.chorus.payments.guidance.GuidanceRequest.PatternDraft;
import org.chorus.payments.guidance.GuidanceRequest.PaymentDraft;
import org.chorus.payments.guidance.GuidanceRequest.PlanDraft;
import org.chorus.payments.guidance.GuidanceRequest.SituationDraft;
import org.chorus.payments.guidance.Headroom;
import org.chorus.payments.guidance.MethodOption;
import org.chorus.payments.guidance.Notice;
import org.chorus.payments.guidance.PaymentMethod;
import org.chorus.payments.guidance.PlannedPayment;
import org.chorus.payments.guidance.RulesBook;
import org.chorus.payments.guidance.SourceNote;
import org.chorus.payments.v1.AdviserLetter;
import org.chorus.payments.v1.BenefitKind;
import org.chorus.payments.v1.BenefitsGuidance;
import org.chorus.payments.v1.BenefitsGuidanceServiceGrpc;
import org.chorus.payments.v1.BenefitsPlan;
import org.chorus.payments.v1.BenefitsSituation;
import org.chorus.payments.v1.CreatePaymentChoiceRequest;
import org.chorus.payments.v1.EarningsPeriod;
import org.chorus.payments.v1.GetBenefitsSituationRequest;
import org.chorus.payments.v1.GetPaymentChoiceRequest;
import org.chorus.payments.v1.OtherEarnings;
import org.chorus.payments.v1.PaymentKind;
import org.chorus.payments.v1.PlanTotals;
import org.chorus.payments.v1.Premium;
import org.chorus.payments.v1.PreviewBenefitsGuidanceRequest;
import org.chorus.payments.v1.ReceivedBenefit;
import org.chorus.payments.v1.UpdateBenefitsSituationRequest;
import org.chorus.payments.v1.WorkPattern;
import org.chorus.payments.v1.WriteAdviserLetterRequest;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.protos.ProtoMoney;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.protos.UpdateMasks;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/**
 * The benefits guidance gRPC adapter: maps the contract to the use cases and back, nothing else.
 * Money arrives as {@code google.type.Money} in GBP and whole pence and is held as pence inside.
 */
@GrpcService
class BenefitsGuidanceGrpcService extends BenefitsGuidanceServiceGrpc.BenefitsGuidanceServiceImplBase {

    private static final String BAD_REQUEST = "INVALID_GUIDANCE_REQUEST";

    private final BenefitsGuidanceService guidance;
    private final RulesBook rules;

    BenefitsGuidanceGrpcService(BenefitsGuidanceService guidance, RulesBook rules) {
        this.guidance = guidance;
        this.rules = rules;
    }

    @Override
    public void previewBenefitsGuidance(PreviewBenefitsGuidanceRequest request, StreamObserver<BenefitsGuidance> response) {
        Violations v = new Violations();
        SituationDraft situation = situation(request.getSituation(), "situation", v);
        PlanDraft plan = plan(request.getPlan(), "plan", v);
        v.throwIfAny(BAD_REQUEST, "Some details need fixing before we can give you a guess.");
        reply(response, toProto(guidance.preview(situation, plan)));
    }

    @Override
    public void getBenefitsSituation(GetBenefitsSituationRequest request, StreamObserver<BenefitsSituation> response) {
        MemberKey member = MemberKey.fromSituationName(request.getName(), "name");
        reply(response, toProto(guidance.situation(Callers.current(), member)));
    }

    @Override
    public void updateBenefitsSituation(UpdateBenefitsSituationRequest request, StreamObserver<BenefitsSituation> response) {
        BenefitsSituation proto = request.getBenefitsSituation();
        MemberKey member = MemberKey.fromSituationName(proto.getName(), "benefits_situation.name");
        Set<String> fields = UpdateMasks.paths(request.getUpdateMask(), proto, BenefitsGuidanceService.UPDATABLE);
        try {
            reply(response, toProto(guidance.saveSituation(Callers.current(), member, () -> {
                Violations v = new Violations();
                SituationDraft changes = situation(proto, "benefits_situation", v);
                v.throwIfAny("INVALID_BENEFITS_SITUATION", "Some details need fixing before we can save them.");
                return changes;
            }, fields, proto.getEtag())));
        } catch (ChorusException e) {
            // The guidance names situation fields "situation.…"; in this request they are "benefits_situation.…".
            throw e.kind() == ChorusException.Kind.INVALID_ARGUMENT
                    ? ChorusException.invalid("INVALID_BENEFITS_SITUATION", e.getMessage(), e.violations().stream()
                            .map(f -> new FieldViolation(f.field().replaceFirst("^situation\\.", "benefits_situation."), f.description()))
                            .toList())
                    : e;
        }
    }

    @Override
    public void createPaymentChoice(CreatePaymentChoiceRequest request, StreamObserver<org.chorus.payments.v1.PaymentChoice> response) {
        MemberKey member = MemberKey.fromMemberName(request.getParent(), "parent");
        var proto = request.getPaymentChoice();
        reply(response, toProto(guidance.recordChoice(Callers.current(), member, () -> {
            Violations v = new Violations();
            PlanDraft plan = plan(proto.getPlan(), "payment_choice.plan", v);
            Long lower = proto.hasLowerAmount() ? ProtoMoney.pence(proto.getLowerAmount(), "payment_choice.lower_amount", v) : null;
            v.throwIfAny(NewPaymentChoice.REASON, "Some details of your choice need fixing.");
            return NewPaymentChoice.of(method(proto.getMethod()), lower, proto.getReason(), plan,
                    proto.getLondon(), proto.getRulesVersionsList(), proto.getGuidanceFingerprint(), request.getRequestId(), rules);
        }, request.getMemberAgreed())));
    }

    @Override
    public void getPaymentChoice(GetPaymentChoiceRequest request, StreamObserver<org.chorus.payments.v1.PaymentChoice> response) {
        reply(response, toProto(guidance.choice(Callers.current(), MemberKey.fromChoiceName(request.getName(), "name"))));
    }

    @Override
    public void writeAdviserLetter(WriteAdviserLetterRequest request, StreamObserver<AdviserLetter> response) {
        var letter = guidance.letter(Callers.current(), MemberKey.fromChoiceName(request.getName(), "name"),
                new LetterDetails(request.getMemberName(), request.getCommissionName(), request.getInvolvement(),
                        request.getPayer(), request.getContact()));
        reply(response, AdviserLetter.newBuilder()
                .setTitle(letter.title())
                .setText(letter.asText())
                .setPdf(ByteString.copyFrom(letter.asPdf()))
                .build());
    }

    // ---- contract → use cases

    private static SituationDraft situation(BenefitsSituation s, String path, Violations v) {
        List<BenefitDraft> benefits = new ArrayList<>();
        for (ReceivedBenefit b : s.getBenefitsList()) {
            benefits.add(new BenefitDraft(enumName(b.getKindValue(), b.getKind()), enumName(b.getPremiumValue(), b.getPremium()),
                    b.getPaysHousingCosts(), b.getWorkAllowance(), b.getResponsibleForChild(), b.getLimitedCapabilityForWork()));
        }
        long otherPence = 0;
        String otherPeriod = null;
        if (s.hasOtherEarnings()) {
            Long pence = ProtoMoney.pence(s.getOtherEarnings().getAmount(), path + ".other_earnings.amount", v);
            otherPence = pence == null ? 0 : pence;
            otherPeriod = enumName(s.getOtherEarnings().getPeriodValue(), s.getOtherEarnings().getPeriod());
        }
        return new SituationDraft(benefits, otherPence, otherPeriod, s.getLondon());
    }

    private static PlanDraft plan(BenefitsPlan p, String path, Violations v) {
        List<PaymentDraft> payments = new ArrayList<>();
        for (int i = 0; i < p.getPaymentsCount(); i++) {
            var payment = p.getPayments(i);
            String at = path + ".payments[" + i + "]";
            Long pence = ProtoMoney.pence(payment.getAmount(), at + ".amount", v);
            payments.add(new PaymentDraft(ProtoTime.dayOrViolation(payment.getDate(), at + ".date", "the day", v),
                    enumName(payment.getKindValue(), payment.getKind()), pence == null ? 0 : pence, payment.getMinutes()));
        }
        List<PatternDraft> patterns = new ArrayList<>();
        for (int i = 0; i < p.getPatternsCount(); i++) {
            WorkPattern pattern = p.getPatterns(i);
            String at = path + ".patterns[" + i + "]";
            long rate = 0;
            if (pattern.hasRate()) {
                Long pence = ProtoMoney.pence(pattern.getRate(), at + ".rate", v);
                rate = pence == null ? 0 : pence;
                v.check(pence == null || pence > 0, at + ".rate", "The rate must be more than £0 an hour. Leave it out to use the real Living Wage.");
            }
            patterns.add(new PatternDraft(ProtoTime.dayOrViolation(pattern.getFirstDate(), at + ".first_date", "the first day", v), pattern.getWeeks(),
                    pattern.getMinutesPerWeek(), rate, enumName(pattern.getKindValue(), pattern.getKind())));
        }
        return new PlanDraft(payments, patterns);
    }

    /** The enum's name, null when unset, or the unknown number as text (which the guidance refuses by name). */
    private static String enumName(int number, Enum<?> value) {
        if (number == 0) {
            return null;
        }
        return value.name().equals("UNRECOGNIZED") ? String.valueOf(number) : value.name();
    }

    private static PaymentMethod method(org.chorus.payments.v1.PaymentMethod method) {
        return switch (method) {
            case BANK_TRANSFER -> PaymentMethod.BANK_TRANSFER;
            case VOUCHERS -> PaymentMethod.VOUCHERS;
            case TIME_CREDITS -> PaymentMethod.TIME_CREDITS;
            case LOWER_AMOUNT -> PaymentMethod.LOWER_AMOUNT;
            case NO_PAYMENT -> PaymentMethod.NO_PAYMENT;
            case DONATE -> PaymentMethod.DONATE;
            case PAYMENT_METHOD_UNSPECIFIED, UNRECOGNIZED -> null;
        };
    }

    /** Whole pence from GBP money, or null (with a violation) when it is not pounds and whole pence. */

    // ---- use cases → contract

    private static BenefitsGuidance toProto(Previewed previewed) {
        Guidance g = previewed.guidance();
        BenefitsGuidance.Builder out = BenefitsGuidance.newBuilder()
                .addAllRulesVersions(g.rulesVersions())
                .setSuggestion(switch (g.suggestion()) {
                    case BANK_TRANSFER_LOOKS_SAFE -> BenefitsGuidance.Suggestion.BANK_TRANSFER_LOOKS_SAFE;
                    case ASK_AN_ADVISER_FIRST -> BenefitsGuidance.Suggestion.ASK_AN_ADVISER_FIRST;
                })
                .setSuggestionNotice(toProto(g.suggestionNotice()))
                .setTotals(PlanTotals.newBuilder()
                        .setFees(money(g.totals().fees()))
                        .setVouchers(money(g.totals().vouchers()))
                        .setExpenses(money(g.totals().expenses()))
                        .setTimeCreditValue(money(g.totals().timeCreditValue()))
                        .setCountedAsEarnings(money(g.totals().countedAsEarnings())))
                .setText(g.asText())
                .setGuidanceFingerprint(previewed.fingerprint());
        g.benefits().forEach(b -> out.addBenefits(toProto(b)));
        for (MethodOption m : g.methods()) {
            var option = org.chorus.payments.v1.MethodOption.newBuilder()
                    .setMethod(toProto(m.method()))
                    .setAssessment(org.chorus.payments.v1.MethodOption.Assessment.valueOf(m.assessment().name()));
            m.notices().forEach(n -> option.addNotices(toProto(n)));
            out.addMethods(option);
        }
        g.notices().forEach(n -> out.addNotices(toProto(n)));
        return out.build();
    }

    private static org.chorus.payments.v1.BenefitGuidance toProto(BenefitGuidance b) {
        var out = org.chorus.payments.v1.BenefitGuidance.newBuilder()
                .setBenefit(BenefitKind.valueOf(b.benefit().name()))
                .setEffect(org.chorus.payments.v1.BenefitGuidance.Effect.valueOf(b.effect().name()))
                .setEstimatedChange(money(org.chorus.payments.guidance.Money.ZERO.minus(b.estimatedReduction())));
        for (Headroom h : b.headroom()) {
            var headroom = org.chorus.payments.v1.Headroom.newBuilder()
                    .setLimitName(h.limitName())
                    .setPeriod(EarningsPeriod.valueOf(h.period().name()))
                    .setLimitSource(toProto(h.limit().citation()))
                    .setOtherEarnings(money(h.otherEarnings()))
                    .setBusiestTotal(money(h.busiestTotal()))
                    .setLeft(money(h.left()))
                    .setMinutesWithinLimit(h.timeWithinLimit().minutes());
            if (h.limit().isKnown()) {
                headroom.setLimit(money(h.limit().require()));
            }
            if (h.busiestPeriodStart() != null) {
                headroom.setBusiestPeriodStart(ProtoTime.date(h.busiestPeriodStart()));
            }
            if (h.rate() != null) {
                headroom.setRate(money(h.rate().perHour()));
            }
            out.addHeadroom(headroom);
        }
        for (CliffEdge c : b.cliffEdges()) {
            var edge = org.chorus.payments.v1.CliffEdge.newBuilder()
                    .setCause(org.chorus.payments.v1.CliffEdge.Cause.valueOf(c.cause().name()))
                    .setWeekStart(ProtoTime.date(c.weekStart()))
                    .setLimitSource(toProto(c.limit().citation()))
                    .setWeekTotal(money(c.weekTotal()))
                    .setWeekMinutes(c.weekTime().minutes())
                    .setCrossingPayment(toProto(c.crossingPayment()))
                    .setRoomBeforePayment(money(c.roomBeforePayment()));
            if (c.limit().isKnown()) {
                edge.setLimit(money(c.limit().require()));
            }
            out.addCliffEdges(edge);
        }
        b.notices().forEach(n -> out.addNotices(toProto(n)));
        return out.build();
    }

    private static org.chorus.payments.v1.PlannedPayment toProto(PlannedPayment p) {
        return org.chorus.payments.v1.PlannedPayment.newBuilder()
                .setDate(ProtoTime.date(p.date()))
                .setKind(PaymentKind.valueOf(p.kind().name()))
                .setAmount(money(p.amount()))
                .setMinutes(p.time().minutes())
                .build();
    }

    private static org.chorus.payments.v1.Notice toProto(Notice n) {
        var out = org.chorus.payments.v1.Notice.newBuilder()
                .setCode(n.code())
                .setSeverity(org.chorus.payments.v1.Notice.Severity.valueOf(n.severity().name()))
                .setText(n.text())
                .setCheckThis(n.checkThis());
        n.sources().forEach(s -> out.addSources(toProto(s)));
        return out.build();
    }

    private static org.chorus.payments.v1.SourceNote toProto(SourceNote s) {
        return org.chorus.payments.v1.SourceNote.newBuilder()
                .setFigure(s.figure())
                .setTaxYear(s.taxYear() == null ? "" : s.taxYear().id())
                .setStatus(org.chorus.payments.v1.SourceNote.Status.valueOf(s.status().name()))
                .setSource(s.source())
                .build();
    }

    private static BenefitsSituation toProto(SavedSituation saved) {
        SituationDraft s = saved.situation();
        var out = BenefitsSituation.newBuilder()
                .setName(saved.member().situationName())
                .setLondon(s.london())
                .setUpdateTime(ProtoTime.timestamp(saved.updateTime()))
                .setEtag(saved.etag());
        for (BenefitDraft b : s.benefits()) {
            var benefit = ReceivedBenefit.newBuilder()
                    .setKind(BenefitKind.valueOf(b.kind()))
                    .setPaysHousingCosts(b.paysHousingCosts())
                    .setWorkAllowance(b.workAllowance())
                    .setResponsibleForChild(b.responsibleForChild())
                    .setLimitedCapabilityForWork(b.limitedCapabilityForWork());
            if (b.premium() != null) {
                benefit.setPremium(Premium.valueOf(b.premium()));
            }
            out.addBenefits(benefit);
        }
        if (s.otherEarningsPence() > 0) {
            out.setOtherEarnings(OtherEarnings.newBuilder()
                    .setAmount(money(org.chorus.payments.guidance.Money.ofPence(s.otherEarningsPence())))
                    .setPeriod(EarningsPeriod.valueOf(s.otherEarningsPeriod())));
        }
        return out.build();
    }

    private static org.chorus.payments.v1.PaymentChoice toProto(PaymentChoice c) {
        var out = org.chorus.payments.v1.PaymentChoice.newBuilder()
                .setName(c.key().name())
                .setMethod(toProto(c.method()))
                .setReason(c.reason())
                .setPlan(toProto(c.plan()))
                .setLondon(c.london())
                .addAllRulesVersions(c.rulesVersions())
                .setGuidanceFingerprint(c.guidanceFingerprint())
                .setCreateTime(ProtoTime.timestamp(c.createTime()))
                .setRecordedBy(c.recordedBy())
                .setOnBehalf(c.onBehalf());
        if (c.lowerAmountPence() != null) {
            out.setLowerAmount(money(org.chorus.payments.guidance.Money.ofPence(c.lowerAmountPence())));
        }
        return out.build();
    }

    private static BenefitsPlan toProto(PlanDraft plan) {
        var out = BenefitsPlan.newBuilder();
        for (PaymentDraft p : plan.payments()) {
            out.addPayments(org.chorus.payments.v1.PlannedPayment.newBuilder()
                    .setDate(ProtoTime.date(p.date()))
                    .setKind(PaymentKind.valueOf(p.kind()))
                    .setAmount(money(org.chorus.payments.guidance.Money.ofPence(p.amountPence())))
                    .setMinutes(p.minutes()));
        }
        for (PatternDraft p : plan.patterns()) {
            var pattern = WorkPattern.newBuilder()
                    .setFirstDate(ProtoTime.date(p.firstDate()))
                    .setWeeks(p.weeks())
                    .setMinutesPerWeek(p.minutesPerWeek());
            if (p.ratePencePerHour() > 0) {
                pattern.setRate(money(org.chorus.payments.guidance.Money.ofPence(p.ratePencePerHour())));
            }
            if (p.kind() != null) {
                pattern.setKind(PaymentKind.valueOf(p.kind()));
            }
            out.addPatterns(pattern);
        }
        return out.build();
    }

    private static org.chorus.payments.v1.PaymentMethod toProto(PaymentMethod method) {
        return org.chorus.payments.v1.PaymentMethod.valueOf(method.name());
    }

    private static Money money(org.chorus.payments.guidance.Money amount) {
        return ProtoMoney.gbp(amount.pence());
    }
}
