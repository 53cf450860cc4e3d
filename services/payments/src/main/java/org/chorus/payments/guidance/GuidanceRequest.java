package org.chorus.payments.guidance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.chorus.platform.errors.Violations;
import org.chorus.payments.guidance.Words.Template;

/**
 * A checked request for guidance: the situation a person shared and the payments planned. Build
 * it with {@link #of}, which reads the raw values the API receives and refuses the request with
 * INVALID_ARGUMENT, naming every wrong field in the API's own names, before anything is worked out.
 */
public record GuidanceRequest(Situation situation, Plan plan) {

    /** The most benefits, payments and patterns one request may hold. */
    public static final int MOST_ITEMS = 60;
    /** The highest hourly rate we accept: anything above is surely a typing slip. */
    public static final Money MOST_PER_HOUR = Money.ofPounds(500);
    static final String REASON = "INVALID_GUIDANCE_REQUEST";

    public GuidanceRequest {
        Objects.requireNonNull(situation, "situation");
        Objects.requireNonNull(plan, "plan");
    }

    /** The situation as received: kinds and levels as their names, for example {@code UNIVERSAL_CREDIT}. */
    public record SituationDraft(List<BenefitDraft> benefits, long otherEarningsPence, String otherEarningsPeriod, boolean london) {
        public SituationDraft {
            benefits = benefits == null ? List.of() : List.copyOf(benefits);
        }
    }

    /**
     * One benefit as received.
     *
     * @param kind    a {@link BenefitKind} name
     * @param premium a {@link Premium} name, for legacy means-tested benefits and Housing Benefit
     */
    public record BenefitDraft(String kind, String premium, boolean paysHousingCosts, boolean workAllowance,
                               boolean responsibleForChild, boolean limitedCapabilityForWork) {
        public static BenefitDraft of(String kind) {
            return new BenefitDraft(kind, null, false, false, false, false);
        }
    }

    /** The plan as received. */
    public record PlanDraft(List<PaymentDraft> payments, List<PatternDraft> patterns) {
        public PlanDraft {
            payments = payments == null ? List.of() : List.copyOf(payments);
            patterns = patterns == null ? List.of() : List.copyOf(patterns);
        }
    }

    /**
     * One payment as received.
     *
     * @param kind    a {@link PaymentKind} name
     * @param minutes the paid time it is for, 0 when not known
     */
    public record PaymentDraft(LocalDate date, String kind, long amountPence, int minutes) {
    }

    /**
     * A weekly pattern as received.
     *
     * @param ratePencePerHour 0 for the real Living Wage (London or UK, from the situation)
     * @param kind             a {@link PaymentKind} name; blank for a fee
     */
    public record PatternDraft(LocalDate firstDate, int weeks, int minutesPerWeek, long ratePencePerHour, String kind) {
    }

    /**
     * Checks everything and builds the request.
     *
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found
     */
    public static GuidanceRequest of(SituationDraft situation, PlanDraft plan, RulesBook rules) {
        Violations v = new Violations();
        Situation checkedSituation = situation(situation, v);
        Plan checkedPlan = plan(plan, situation != null && situation.london(), rules, v);
        v.throwIfAny(REASON, Template.ERROR_REQUEST.text());
        return new GuidanceRequest(checkedSituation, checkedPlan);
    }

    /**
     * Checks a situation on its own, as when a person saves it without a plan.
     *
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found
     */
    public static Situation checkSituation(SituationDraft situation) {
        Violations v = new Violations();
        Situation checked = situation(situation, v);
        v.throwIfAny(REASON, Template.ERROR_REQUEST.text());
        return checked;
    }

    private static Situation situation(SituationDraft draft, Violations v) {
        if (draft == null) {
            return new Situation(List.of(), OtherEarnings.NONE, false);
        }
        List<Benefit> benefits = new ArrayList<>();
        Set<BenefitKind> seen = EnumSet.noneOf(BenefitKind.class);
        if (!v.check(draft.benefits().size() <= MOST_ITEMS, "situation.benefits", tooMany())) {
            return new Situation(List.of(), OtherEarnings.NONE, draft.london());
        }
        for (int i = 0; i < draft.benefits().size(); i++) {
            String path = "situation.benefits[" + i + "]";
            BenefitDraft b = draft.benefits().get(i);
            BenefitKind kind = parse(BenefitKind.class, b == null ? null : b.kind());
            if (kind == null) {
                v.check(false, path + ".kind", b == null || b.kind() == null || b.kind().isBlank()
                        ? Template.ERROR_NO_BENEFIT_KIND.text()
                        : Template.ERROR_UNKNOWN_BENEFIT.fill("value", "\"" + b.kind().strip() + "\""));
                continue;
            }
            if (!v.check(seen.add(kind), path + ".kind", Template.ERROR_BENEFIT_TWICE.fill("benefit", Words.name(kind)))) {
                continue;
            }
            Premium premium = null;
            if (kind.needsPremium()) {
                premium = parse(Premium.class, b.premium());
                if (premium == null) {
                    v.check(false, path + ".premium", b.premium() == null || b.premium().isBlank()
                            ? Template.ERROR_PREMIUM_NEEDED.fill("benefit", Words.name(kind))
                            : Template.ERROR_UNKNOWN_PREMIUM.fill("value", "\"" + b.premium().strip() + "\""));
                    continue;
                }
            }
            if (kind == BenefitKind.UNIVERSAL_CREDIT) {
                if (!v.check(!b.workAllowance() || b.responsibleForChild() || b.limitedCapabilityForWork(),
                        path + ".work_allowance", Template.ERROR_WORK_ALLOWANCE.text())) {
                    continue;
                }
                benefits.add(new Benefit(kind, null, b.paysHousingCosts(), b.workAllowance(),
                        b.responsibleForChild(), b.limitedCapabilityForWork()));
            } else {
                benefits.add(new Benefit(kind, premium, false, false, false, false));
            }
        }
        if (seen.contains(BenefitKind.UNIVERSAL_CREDIT)) {
            for (int i = 0; i < draft.benefits().size(); i++) {
                BenefitKind kind = draft.benefits().get(i) == null ? null : parse(BenefitKind.class, draft.benefits().get(i).kind());
                if (kind != null && kind.isLegacyMeansTested()) {
                    v.check(false, "situation.benefits[" + i + "].kind",
                            Template.ERROR_UC_AND_OLD_BENEFIT.fill("benefit", Words.name(kind)));
                }
            }
        }
        OtherEarnings other = OtherEarnings.NONE;
        if (checkAmount(draft.otherEarningsPence(), false, "situation.other_earnings.amount", v)
                && draft.otherEarningsPence() > 0) {
            Period period = parse(Period.class, draft.otherEarningsPeriod());
            if (v.check(period != null, "situation.other_earnings.period", Template.ERROR_UNKNOWN_PERIOD.text())) {
                other = new OtherEarnings(Money.ofPence(draft.otherEarningsPence()), period);
            }
        }
        return new Situation(benefits, other, draft.london());
    }

    private static Plan plan(PlanDraft draft, boolean london, RulesBook rules, Violations v) {
        if (draft == null || (draft.payments().isEmpty() && draft.patterns().isEmpty())) {
            v.check(false, "plan", Template.ERROR_NOTHING_PLANNED.text());
            return new Plan(List.of(), List.of());
        }
        boolean sizeOk = v.check(draft.payments().size() <= MOST_ITEMS, "plan.payments", tooMany())
                & v.check(draft.patterns().size() <= MOST_ITEMS, "plan.patterns", tooMany());
        if (!sizeOk) {
            return new Plan(List.of(), List.of());
        }
        List<PlannedPayment> payments = new ArrayList<>();
        for (int i = 0; i < draft.payments().size(); i++) {
            String path = "plan.payments[" + i + "]";
            PaymentDraft p = draft.payments().get(i);
            if (p == null) {
                v.check(false, path + ".date", Template.ERROR_NO_DATE.text());
                continue;
            }
            boolean ok = checkDate(p.date(), path + ".date", rules, v);
            PaymentKind kind = parse(PaymentKind.class, p.kind());
            ok &= v.check(kind != null, path + ".kind", p.kind() == null || p.kind().isBlank()
                    ? Template.ERROR_UNKNOWN_PAYMENT_KIND.fill("value", "(none)")
                    : Template.ERROR_UNKNOWN_PAYMENT_KIND.fill("value", "\"" + p.kind().strip() + "\""));
            ok &= checkAmount(p.amountPence(), kind != null && kind != PaymentKind.TIME_CREDIT, path + ".amount", v);
            ok &= checkMinutes(p.minutes(), false, path + ".minutes", v);
            if (ok) {
                payments.add(new PlannedPayment(p.date(), kind, Money.ofPence(p.amountPence()), WorkHours.ofMinutes(p.minutes())));
            }
        }
        List<WeeklyPattern> patterns = new ArrayList<>();
        for (int i = 0; i < draft.patterns().size(); i++) {
            String path = "plan.patterns[" + i + "]";
            PatternDraft p = draft.patterns().get(i);
            if (p == null) {
                v.check(false, path + ".first_date", Template.ERROR_NO_DATE.text());
                continue;
            }
            boolean ok = checkDate(p.firstDate(), path + ".first_date", rules, v);
            boolean weeksOk = v.check(p.weeks() >= 1 && p.weeks() <= WeeklyPattern.MOST_WEEKS, path + ".weeks",
                    Template.ERROR_WEEKS.fill("count", String.valueOf(WeeklyPattern.MOST_WEEKS)));
            if (ok && weeksOk) {
                ok = checkDate(p.firstDate().plusWeeks(p.weeks() - 1L), path + ".weeks", rules, v);
            }
            ok &= weeksOk;
            ok &= checkMinutes(p.minutesPerWeek(), true, path + ".minutes_per_week", v);
            PaymentKind kind = p.kind() == null || p.kind().isBlank() ? PaymentKind.FEE : parse(PaymentKind.class, p.kind());
            ok &= v.check(kind != null, path + ".kind", Template.ERROR_UNKNOWN_PAYMENT_KIND.fill("value", "\"" + p.kind() + "\""));
            HourlyRate rate = null;
            if (p.ratePencePerHour() == 0) {
                if (ok) {
                    rate = new HourlyRate(rules.require(p.firstDate(), path + ".first_date").livingWage(london).require());
                }
            } else if (v.check(p.ratePencePerHour() > 0 && p.ratePencePerHour() <= MOST_PER_HOUR.pence(), path + ".rate",
                    Template.ERROR_RATE.fill("limit", MOST_PER_HOUR.toString()))) {
                rate = new HourlyRate(Money.ofPence(p.ratePencePerHour()));
            } else {
                ok = false;
            }
            if (ok && rate != null) {
                Money perWeek = rate.feeFor(WorkHours.ofMinutes(p.minutesPerWeek()));
                if (v.check(!perWeek.isMoreThan(PlannedPayment.MOST_FOR_ONE_PAYMENT), path + ".minutes_per_week",
                        Template.ERROR_AMOUNT_TOO_LARGE.fill("limit", PlannedPayment.MOST_FOR_ONE_PAYMENT.toString()))) {
                    patterns.add(new WeeklyPattern(p.firstDate(), p.weeks(), WorkHours.ofMinutes(p.minutesPerWeek()), rate, kind));
                }
            }
        }
        return new Plan(payments, patterns);
    }

    private static boolean checkDate(LocalDate date, String field, RulesBook rules, Violations v) {
        if (!v.check(date != null, field, Template.ERROR_NO_DATE.text())) {
            return false;
        }
        return v.check(rules.forDate(date).isPresent(), field, Words.noRulesForDate(date));
    }

    private static boolean checkAmount(long pence, boolean mustBePositive, String field, Violations v) {
        return v.check(pence >= 0, field, Template.ERROR_NEGATIVE_AMOUNT.text())
                && v.check(!mustBePositive || pence > 0, field, Template.ERROR_AMOUNT_ZERO.text())
                && v.check(pence <= PlannedPayment.MOST_FOR_ONE_PAYMENT.pence(), field,
                        Template.ERROR_AMOUNT_TOO_LARGE.fill("limit", PlannedPayment.MOST_FOR_ONE_PAYMENT.toString()));
    }

    private static boolean checkMinutes(int minutes, boolean required, String field, Violations v) {
        return v.check(minutes >= 0, field, Template.ERROR_NEGATIVE_TIME.text())
                && v.check(!required || minutes > 0, field, Template.ERROR_NO_HOURS.text())
                && v.check(minutes <= WorkHours.WHOLE_WEEK.minutes(), field, Template.ERROR_TOO_MANY_HOURS.text());
    }

    private static String tooMany() {
        return Template.ERROR_TOO_MANY.fill("count", String.valueOf(MOST_ITEMS));
    }

    /** An enum constant by name, ignoring case and spaces/hyphens, or null. */
    private static <E extends Enum<E>> E parse(Class<E> type, String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String normal = name.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normal)) {
                return constant;
            }
        }
        return null;
    }
}
