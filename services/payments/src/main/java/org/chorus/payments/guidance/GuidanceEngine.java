package org.chorus.payments.guidance;

import static org.chorus.payments.guidance.Notice.Severity.CAUTION;
import static org.chorus.payments.guidance.Notice.Severity.CLIFF_EDGE;
import static org.chorus.payments.guidance.Notice.Severity.INFO;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.chorus.payments.guidance.BenefitGuidance.Effect;
import org.chorus.payments.guidance.MethodOption.Assessment;
import org.chorus.payments.guidance.Words.Template;
import org.chorus.platform.errors.ChorusException;

/**
 * Works out how planned payments could affect the benefits a person told us about, and which
 * ways of being paid avoid harm. Every figure comes from the rules of the payment's tax year.
 * It stores nothing and is safe to share between threads.
 *
 * <p>Estimates, not decisions. The assumptions it makes are said to the person as well:
 * <ul>
 *   <li>the Universal Credit assessment period is taken to be the calendar month of the payment;</li>
 *   <li>a benefit week runs Monday to Sunday;</li>
 *   <li>a fee is taken as net earnings (no tax or National Insurance is taken off so small a sum);</li>
 *   <li>vouchers are counted as pay, to be safe, since the sources disagree;</li>
 *   <li>a week's or month's figures are those of the tax year of its first payment.</li>
 * </ul>
 */
public final class GuidanceEngine {

    private final RulesBook rules;

    public GuidanceEngine(RulesBook rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * Guidance for a request as the API receives it.
     *
     * @throws ChorusException INVALID_ARGUMENT with a field violation for everything wrong
     */
    public Guidance preview(GuidanceRequest.SituationDraft situation, GuidanceRequest.PlanDraft plan) {
        return preview(GuidanceRequest.of(situation, plan, rules));
    }

    public Guidance preview(GuidanceRequest request) {
        return preview(request.situation(), request.plan());
    }

    /**
     * Guidance for a checked situation and plan.
     *
     * @throws ChorusException INVALID_ARGUMENT when the plan is empty or a date has no rules
     */
    public Guidance preview(Situation situation, Plan plan) {
        List<PlannedPayment> payments = plan.allPayments();
        if (payments.isEmpty()) {
            throw ChorusException.invalid(GuidanceRequest.REASON, "plan", Template.ERROR_NOTHING_PLANNED.text());
        }
        payments.forEach(p -> rules.require(p.date(), "plan"));
        return new Working(situation, plan, payments).guidance();
    }

    /** The real Living Wage for a date, in London or elsewhere in the UK. */
    public Figure<Money> livingWage(LocalDate date, boolean london) {
        return rules.require(date, "date").livingWage(london);
    }

    /** A session's fee at the real Living Wage: 3 hours at £13.45 is £40.35. */
    public Money livingWageFee(WorkHours time, LocalDate date, boolean london) {
        return new HourlyRate(livingWage(date, london).require()).feeFor(time);
    }

    /** One preview's working: groups the payments into weeks and months once. */
    private final class Working {
        private final Situation situation;
        private final List<PlannedPayment> payments;
        private final TreeMap<LocalDate, List<PlannedPayment>> weeks = new TreeMap<>();
        private final TreeMap<YearMonth, List<PlannedPayment>> months = new TreeMap<>();
        private final HourlyRate rate;

        Working(Situation situation, Plan plan, List<PlannedPayment> payments) {
            this.situation = situation;
            this.payments = payments;
            for (PlannedPayment p : payments) {
                weeks.computeIfAbsent(p.date().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), k -> new ArrayList<>()).add(p);
                months.computeIfAbsent(YearMonth.from(p.date()), k -> new ArrayList<>()).add(p);
            }
            this.rate = plan.patterns().isEmpty()
                    ? new HourlyRate(rulesOf(payments).livingWage(situation.london()).require())
                    : plan.patterns().getFirst().rate();
        }

        Guidance guidance() {
            List<BenefitGuidance> benefits = new ArrayList<>();
            for (Benefit b : situation.benefits()) {
                benefits.add(switch (b.kind()) {
                    case UNIVERSAL_CREDIT -> universalCredit(b);
                    case CARERS_ALLOWANCE -> carersAllowance(b);
                    case NEW_STYLE_ESA -> newStyleEsa(b);
                    case INCOME_SUPPORT, INCOME_BASED_JSA, INCOME_RELATED_ESA, HOUSING_BENEFIT -> disregardBenefit(b);
                    case PIP, DLA, ATTENDANCE_ALLOWANCE -> notMeansTested(b);
                    case PENSION_CREDIT -> pensionCredit(b);
                });
            }
            Guidance.Totals totals = totals();
            List<MethodOption> methods = methods(benefits);
            boolean bankIsSafe = methods.getFirst().assessment() == Assessment.AVOIDS_HARM;
            Notice suggestion = bankIsSafe
                    ? notice(Template.SUGGEST_BANK_TRANSFER, INFO, List.of(), List.of())
                    : notice(Template.SUGGEST_ASK_AN_ADVISER, CAUTION, List.of(), List.of(RuleSources.INDEPENDENT_ADVICE));
            Set<String> versions = new LinkedHashSet<>();
            payments.forEach(p -> versions.add(rulesOn(p.date()).version()));
            return new Guidance(List.copyOf(versions), benefits, methods, bankIsSafe ? Guidance.Suggestion.BANK_TRANSFER_LOOKS_SAFE : Guidance.Suggestion.ASK_AN_ADVISER_FIRST,
                    suggestion, generalNotices(totals), totals);
        }

        // Universal Credit: 55p of every £1 above any work allowance, per assessment month.
        private BenefitGuidance universalCredit(Benefit b) {
            Money other = situation.otherEarnings().perMonth();
            Money total = Money.ZERO;
            Money most = Money.ZERO;
            Money busiest = Money.ZERO;
            YearMonth busiestMonth = months.firstKey();
            YearMonth mostMonth = null;
            Money paidInMostMonth = Money.ZERO;
            int monthsAffected = 0;
            BenefitRules first = rulesOf(months.firstEntry().getValue());
            Figure<Long> taper = first.universalCreditTaperPencePerPound();
            Figure<Money> allowance = b.workAllowance() ? first.workAllowance(b.paysHousingCosts()) : null;
            for (Map.Entry<YearMonth, List<PlannedPayment>> month : months.entrySet()) {
                BenefitRules r = rulesOf(month.getValue());
                Money limit = b.workAllowance() ? r.workAllowance(b.paysHousingCosts()).require() : Money.ZERO;
                long pence = r.universalCreditTaperPencePerPound().require();
                Money earned = earnings(month.getValue());
                Money reduction = taperAbove(other.plus(earned), limit, pence).minus(taperAbove(other, limit, pence));
                if (reduction.isPositive()) {
                    monthsAffected++;
                    total = total.plus(reduction);
                    if (reduction.isMoreThan(most)) {
                        most = reduction;
                        mostMonth = month.getKey();
                        paidInMostMonth = earned;
                    }
                }
                if (other.plus(earned).isMoreThan(busiest)) {
                    busiest = other.plus(earned);
                    busiestMonth = month.getKey();
                }
            }
            List<Figure<?>> used = allowance == null ? List.of(taper) : List.of(taper, allowance);
            List<Notice> notices = new ArrayList<>();
            if (monthsAffected == 1) {
                notices.add(notice(Template.UC_GOES_DOWN_ONE_MONTH, CAUTION, used, List.of(RuleSources.FEES_ARE_UC_EARNINGS),
                        "reduction", total.toString(), "month", Words.month(mostMonth),
                        "kept", paidInMostMonth.minus(most).toString(), "paid", paidInMostMonth.toString()));
            } else if (monthsAffected > 1) {
                notices.add(notice(Template.UC_GOES_DOWN_MANY_MONTHS, CAUTION, used, List.of(RuleSources.FEES_ARE_UC_EARNINGS),
                        "reduction", total.toString(), "count", String.valueOf(monthsAffected),
                        "most", most.toString(), "month", Words.month(mostMonth)));
            } else {
                Money limit = allowance == null ? Money.ZERO : allowance.require();
                notices.add(notice(Template.UC_NO_CHANGE, INFO, used, List.of(),
                        "left", limit.minus(busiest).atLeastZero().toString(), "month", Words.month(busiestMonth)));
            }
            List<Headroom> headroom = new ArrayList<>();
            if (allowance != null) {
                notices.add(notice(Template.UC_WORK_ALLOWANCE, INFO, List.of(allowance), List.of(),
                        "limit", allowance.require().toString(), "hours", rate.timeWithin(allowance.require()).toString(),
                        "rate", rate.perHour().toString()));
                otherPayCountsToo(allowance, other, Period.MONTH, notices);
                notices.add(notice(Template.UC_TAPER, INFO, List.of(taper), List.of(), "taper", String.valueOf(taper.require())));
                headroom.add(headroom(b.kind(), "work allowance", Period.MONTH, allowance, other, busiestMonth.atDay(1), busiest));
            } else {
                notices.add(notice(Template.UC_NO_WORK_ALLOWANCE, INFO, List.of(taper), List.of(), "taper", String.valueOf(taper.require())));
                if (b.responsibleForChild() || b.limitedCapabilityForWork()) {
                    notices.add(notice(Template.UC_MAY_HAVE_WORK_ALLOWANCE, INFO, List.of(), List.of()));
                }
            }
            notices.add(notice(Template.UC_MONTH_IS_A_GUESS, INFO, List.of(), List.of()));
            return new BenefitGuidance(b.kind(), total.isPositive() ? Effect.GOES_DOWN : Effect.NO_CHANGE, total,
                    headroom, List.of(), notices);
        }

        // Carer's Allowance: a weekly cliff edge. A penny over the limit loses the whole week.
        private BenefitGuidance carersAllowance(Benefit b) {
            Money other = situation.otherEarnings().perWeek();
            Figure<Money> firstLimit = rulesOf(weeks.firstEntry().getValue()).carersAllowanceEarningsLimit();
            List<CliffEdge> cliffs = new ArrayList<>();
            List<Notice> notices = new ArrayList<>();
            Busiest busiest = new Busiest(weeks.firstKey());
            for (Map.Entry<LocalDate, List<PlannedPayment>> week : weeks.entrySet()) {
                Figure<Money> limit = rulesOf(week.getValue()).carersAllowanceEarningsLimit();
                Money total = other.plus(earnings(week.getValue()));
                busiest.see(week.getKey(), total);
                findCrossing(week.getValue(), other, running -> running.isMoreThan(limit.require())).ifPresent(crossing -> {
                    Money room = limit.require().minus(crossing.before()).atLeastZero();
                    cliffs.add(new CliffEdge(b.kind(), CliffEdge.Cause.OVER_MONEY_LIMIT, week.getKey(), limit, total,
                            time(week.getValue()), crossing.payment(), room));
                    if (cliffs.size() == 1) {
                        notices.add(notice(Template.CA_OVER_LIMIT, CLIFF_EDGE, List.of(limit), List.of(),
                                "week", Words.weekFrom(week.getKey()), "total", total.toString(), "limit", limit.require().toString()));
                        notices.add(notice(Template.PAYMENT_THAT_CROSSES, CLIFF_EDGE, List.of(limit), List.of(),
                                "amount", crossing.payment().amount().toString(), "date", Words.day(crossing.payment().date()),
                                "room", room.toString()));
                    }
                });
            }
            moreWeeksOver(cliffs, notices);
            if (cliffs.isEmpty()) {
                notices.add(notice(Template.CA_UNDER_LIMIT, INFO, List.of(firstLimit), List.of(),
                        "total", busiest.total.toString(), "limit", firstLimit.require().toString(),
                        "left", firstLimit.require().minus(busiest.total).toString()));
            }
            notices.add(notice(Template.CA_WEEKLY_LIMIT, INFO, List.of(firstLimit), List.of(),
                    "limit", firstLimit.require().toString(), "hours", rate.timeWithin(firstLimit.require()).toString(),
                    "rate", rate.perHour().toString()));
            otherPayCountsToo(firstLimit, other, Period.WEEK, notices);
            return new BenefitGuidance(b.kind(), cliffs.isEmpty() ? Effect.NO_CHANGE : Effect.COULD_STOP, Money.ZERO,
                    List.of(headroom(b.kind(), "earnings limit", Period.WEEK, firstLimit, other, busiest.start, busiest.total)),
                    cliffs, notices);
        }

        // New style ESA permitted work: £20 a week with any hours, or the higher limit under 16 hours.
        private BenefitGuidance newStyleEsa(Benefit b) {
            Money other = situation.otherEarnings().perWeek();
            BenefitRules first = rulesOf(weeks.firstEntry().getValue());
            List<CliffEdge> cliffs = new ArrayList<>();
            List<Notice> notices = new ArrayList<>();
            notices.add(notice(Template.ESA_PERMITTED_WORK, INFO, List.of(), List.of()));
            Busiest busiest = new Busiest(weeks.firstKey());
            boolean hoursUnknown = false;
            boolean allUnderHours = true;
            for (Map.Entry<LocalDate, List<PlannedPayment>> week : weeks.entrySet()) {
                BenefitRules r = rulesOf(week.getValue());
                Figure<Money> lower = r.esaLowerLimit();
                Figure<Money> higher = r.esaHigherLimit();
                Figure<WorkHours> maxHours = r.esaHigherLimitHours();
                Money total = other.plus(earnings(week.getValue()));
                WorkHours time = time(week.getValue());
                busiest.see(week.getKey(), total);
                hoursUnknown |= week.getValue().stream().anyMatch(p -> p.earnings().isPositive() && p.time().isZero());
                allUnderHours &= time.compareTo(maxHours.require()) < 0;
                var overMoney = findCrossing(week.getValue(), other, running -> running.isMoreThan(higher.require()));
                if (overMoney.isPresent()) {
                    Crossing c = overMoney.get();
                    Money room = higher.require().minus(c.before()).atLeastZero();
                    cliffs.add(new CliffEdge(b.kind(), CliffEdge.Cause.OVER_MONEY_LIMIT, week.getKey(), higher, total, time, c.payment(), room));
                    if (cliffs.size() > 1) {
                        continue;
                    }
                    notices.add(notice(Template.ESA_OVER_MONEY_LIMIT, CLIFF_EDGE, List.of(higher), List.of(),
                            "week", Words.weekFrom(week.getKey()), "total", total.toString(), "higher", higher.require().toString()));
                    notices.add(notice(Template.PAYMENT_THAT_CROSSES, CLIFF_EDGE, List.of(higher), List.of(),
                            "amount", c.payment().amount().toString(), "date", Words.day(c.payment().date()), "room", room.toString()));
                } else if (total.isMoreThan(lower.require()) && time.compareTo(maxHours.require()) >= 0) {
                    PlannedPayment crossing = firstReachingTime(week.getValue(), maxHours.require());
                    Money before = other.plus(earningsBefore(week.getValue(), crossing));
                    Money room = lower.require().minus(before).atLeastZero();
                    cliffs.add(new CliffEdge(b.kind(), CliffEdge.Cause.OVER_HOURS_LIMIT, week.getKey(), lower, total, time, crossing, room));
                    if (cliffs.size() > 1) {
                        continue;
                    }
                    notices.add(notice(Template.ESA_OVER_HOURS, CLIFF_EDGE, List.of(lower, maxHours), List.of(),
                            "week", Words.weekFrom(week.getKey()), "hours", time.toString(),
                            "lower", lower.require().toString(), "max_hours", maxHours.require().toString()));
                }
            }
            moreWeeksOver(cliffs, notices);
            Figure<Money> lower = first.esaLowerLimit();
            Figure<Money> higher = first.esaHigherLimit();
            Figure<WorkHours> maxHours = first.esaHigherLimitHours();
            if (cliffs.isEmpty()) {
                if (!busiest.total.isMoreThan(lower.require())) {
                    notices.add(notice(Template.ESA_UNDER_LOWER_LIMIT, INFO, List.of(lower), List.of(),
                            "total", busiest.total.toString(), "lower", lower.require().toString()));
                } else {
                    notices.add(notice(Template.ESA_UNDER_HIGHER_LIMIT, INFO, List.of(higher, maxHours), List.of(),
                            "max_hours", maxHours.require().toString(), "total", busiest.total.toString(),
                            "higher", higher.require().toString()));
                }
            }
            if (hoursUnknown && busiest.total.isMoreThan(lower.require())) {
                notices.add(notice(Template.ESA_HOURS_NOT_KNOWN, CAUTION, List.of(maxHours), List.of(),
                        "max_hours", maxHours.require().toString()));
            }
            notices.add(notice(Template.ESA_LIMITS, INFO, List.of(lower, higher, maxHours), List.of(),
                    "lower", lower.require().toString(), "lower_hours", rate.timeWithin(lower.require()).toString(),
                    "rate", rate.perHour().toString(), "higher", higher.require().toString(),
                    "max_hours", maxHours.require().toString(), "higher_hours", rate.timeWithin(higher.require()).toString()));
            List<Headroom> headroom = List.of(
                    headroom(b.kind(), "lower limit", Period.WEEK, lower, other, busiest.start, busiest.total),
                    headroom(b.kind(), "higher limit", Period.WEEK, higher, other, busiest.start, busiest.total));
            esaUsesHigherLimit = !hoursUnknown && allUnderHours;
            return new BenefitGuidance(b.kind(), cliffs.isEmpty() ? Effect.NO_CHANGE : Effect.COULD_STOP, Money.ZERO,
                    headroom, cliffs, notices);
        }

        private boolean esaUsesHigherLimit;

        // Income Support, income-based JSA, income-related ESA and Housing Benefit: a weekly disregard.
        private BenefitGuidance disregardBenefit(Benefit b) {
            boolean hb = b.kind() == BenefitKind.HOUSING_BENEFIT;
            Money other = situation.otherEarnings().perWeek();
            BenefitRules first = rulesOf(weeks.firstEntry().getValue());
            Figure<Money> disregard = first.disregard(b.premium(), hb);
            Figure<Long> taper = hb ? first.housingBenefitTaperPencePerPound() : first.legacyTaperPencePerPound();
            String name = Words.name(b.kind());
            List<Notice> notices = new ArrayList<>();
            Busiest busiest = new Busiest(weeks.firstKey());
            Money total = Money.ZERO;
            Money most = Money.ZERO;
            LocalDate mostWeek = null;
            int weeksAffected = 0;
            LocalDate firstWeekOver = null;
            for (Map.Entry<LocalDate, List<PlannedPayment>> week : weeks.entrySet()) {
                BenefitRules r = rulesOf(week.getValue());
                Money limit = r.disregard(b.premium(), hb).require();
                Money earned = earnings(week.getValue());
                busiest.see(week.getKey(), other.plus(earned));
                if (other.plus(earned).isMoreThan(limit) && earned.isPositive() && firstWeekOver == null) {
                    firstWeekOver = week.getKey();
                }
                Figure<Long> weekTaper = hb ? r.housingBenefitTaperPencePerPound() : r.legacyTaperPencePerPound();
                if (weekTaper.isKnown()) {
                    long pence = weekTaper.require();
                    Money reduction = taperAbove(other.plus(earned), limit, pence).minus(taperAbove(other, limit, pence));
                    if (reduction.isPositive()) {
                        weeksAffected++;
                        total = total.plus(reduction);
                        if (reduction.isMoreThan(most)) {
                            most = reduction;
                            mostWeek = week.getKey();
                        }
                    }
                }
            }
            Effect effect;
            if (!taper.isKnown() && firstWeekOver != null) {
                effect = Effect.UNKNOWN;
                notices.add(notice(Template.DISREGARD_BENEFIT_MAY_GO_DOWN, CAUTION, List.of(disregard, taper), List.of(),
                        "week", Words.weekFrom(firstWeekOver), "limit", disregard.require().toString(), "benefit", name));
            } else if (weeksAffected == 1) {
                effect = Effect.GOES_DOWN;
                notices.add(notice(Template.LEGACY_GOES_DOWN_ONE_WEEK, CAUTION, List.of(disregard, taper), List.of(),
                        "benefit", name, "reduction", total.toString(), "week", Words.weekFrom(mostWeek)));
            } else if (weeksAffected > 1) {
                effect = Effect.GOES_DOWN;
                notices.add(notice(Template.LEGACY_GOES_DOWN_MANY_WEEKS, CAUTION, List.of(disregard, taper), List.of(),
                        "benefit", name, "reduction", total.toString(), "count", String.valueOf(weeksAffected),
                        "most", most.toString()));
            } else {
                effect = Effect.NO_CHANGE;
                notices.add(notice(Template.LEGACY_NO_CHANGE, INFO, List.of(disregard), List.of(),
                        "benefit", name, "left", disregard.require().minus(busiest.total).atLeastZero().toString()));
            }
            if (taper.isKnown()) {
                notices.add(notice(Template.LEGACY_DISREGARD, INFO, List.of(disregard, taper), List.of(),
                        "limit", disregard.require().toString(), "benefit", name, "taper", String.valueOf(taper.require())));
            } else {
                notices.add(notice(Template.DISREGARD_ONLY, INFO, List.of(disregard), List.of(),
                        "limit", disregard.require().toString(), "benefit", name));
            }
            otherPayCountsToo(disregard, other, Period.WEEK, notices);
            return new BenefitGuidance(b.kind(), effect, effect == Effect.GOES_DOWN ? total : Money.ZERO,
                    List.of(headroom(b.kind(), "weekly disregard", Period.WEEK, disregard, other, busiest.start, busiest.total)),
                    List.of(), notices);
        }

        private BenefitGuidance notMeansTested(Benefit b) {
            return new BenefitGuidance(b.kind(), Effect.NOT_MEANS_TESTED, Money.ZERO, List.of(), List.of(), List.of(
                    notice(Template.NOT_MEANS_TESTED, INFO, List.of(), List.of(RuleSources.NOT_MEANS_TESTED),
                            "benefit", Words.name(b.kind())),
                    notice(Template.CHANGE_OF_CIRCUMSTANCES, CAUTION, List.of(), List.of(RuleSources.NOT_MEANS_TESTED))));
        }

        // We have no Pension Credit rules: say so and send the person to advice, never guess.
        private BenefitGuidance pensionCredit(Benefit b) {
            Figure<Money> figure = rulesOf(payments).pensionCreditEarnings();
            return new BenefitGuidance(b.kind(), Effect.UNKNOWN, Money.ZERO, List.of(), List.of(), List.of(
                    notice(Template.PENSION_CREDIT_UNKNOWN, CAUTION, List.of(figure), List.of(RuleSources.INDEPENDENT_ADVICE))));
        }

        private List<MethodOption> methods(List<BenefitGuidance> benefits) {
            boolean unknown = benefits.stream().anyMatch(g -> g.effect() == Effect.UNKNOWN);
            boolean harmed = benefits.stream().anyMatch(g -> g.effect() == Effect.GOES_DOWN || g.effect() == Effect.COULD_STOP);
            List<MethodOption> options = new ArrayList<>();
            if (unknown) {
                options.add(option(PaymentMethod.BANK_TRANSFER, Assessment.ASK_AN_ADVISER,
                        notice(Template.METHOD_BANK_TRANSFER_UNKNOWN, CAUTION, List.of(), List.of(RuleSources.INDEPENDENT_ADVICE))));
            } else if (harmed) {
                options.add(option(PaymentMethod.BANK_TRANSFER, Assessment.AFFECTS_BENEFITS,
                        notice(Template.METHOD_BANK_TRANSFER_AFFECTS, CAUTION, List.of(), List.of())));
            } else {
                options.add(option(PaymentMethod.BANK_TRANSFER, Assessment.AVOIDS_HARM,
                        notice(Template.METHOD_BANK_TRANSFER_SAFE, INFO, List.of(), List.of())));
            }
            if (unknown || harmed) {
                options.add(option(PaymentMethod.VOUCHERS, Assessment.ASK_AN_ADVISER,
                        notice(Template.METHOD_VOUCHERS_ASK, CAUTION, List.of(), List.of()),
                        notice(Template.VOUCHERS_TWO_VIEWS, CAUTION, List.of(),
                                List.of(RuleSources.VOUCHERS_DWP, RuleSources.VOUCHERS_WELFARE_RIGHTS))));
            } else {
                options.add(option(PaymentMethod.VOUCHERS, Assessment.AVOIDS_HARM,
                        notice(Template.METHOD_VOUCHERS_NOT_NEEDED, INFO, List.of(), List.of())));
            }
            options.add(option(PaymentMethod.TIME_CREDITS, Assessment.AVOIDS_HARM,
                    notice(Template.METHOD_TIME_CREDITS, INFO, List.of(), List.of(RuleSources.TIME_CREDITS))));
            lowerAmount(benefits).ifPresent(options::add);
            options.add(option(PaymentMethod.NO_PAYMENT, Assessment.AVOIDS_HARM,
                    notice(Template.METHOD_NO_PAYMENT, INFO, List.of(), List.of(RuleSources.NO_NOTIONAL_EARNINGS))));
            return options;
        }

        // How much could be paid, per period, and leave each benefit as it is.
        private java.util.Optional<MethodOption> lowerAmount(List<BenefitGuidance> benefits) {
            List<Notice> lines = new ArrayList<>();
            boolean stillCounts = false;
            for (BenefitGuidance g : benefits) {
                String name = Words.name(g.benefit());
                if (g.benefit() == BenefitKind.UNIVERSAL_CREDIT && g.headroom().isEmpty()) {
                    stillCounts = true;
                    lines.add(notice(Template.METHOD_LOWER_AMOUNT_STILL_COUNTS, INFO, List.of(), List.of(), "benefit", name));
                    continue;
                }
                Headroom h = g.benefit() == BenefitKind.NEW_STYLE_ESA
                        ? g.headroom().get(esaUsesHigherLimit ? 1 : 0)
                        : g.headroom().isEmpty() ? null : g.headroom().getFirst();
                if (h == null) {
                    continue;
                }
                Money room = h.roomBeforeAnyPayment();
                if (room.isPositive()) {
                    lines.add(notice(Template.METHOD_LOWER_AMOUNT, INFO, List.of(h.limit()), List.of(),
                            "amount", room.toString(), "period", Words.name(h.period()), "benefit", name));
                } else if (g.benefit().isLegacyMeansTested()) {
                    stillCounts = true;
                    lines.add(notice(Template.METHOD_LOWER_AMOUNT_STILL_COUNTS, INFO, List.of(), List.of(), "benefit", name));
                }
            }
            if (lines.isEmpty()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new MethodOption(PaymentMethod.LOWER_AMOUNT,
                    stillCounts ? Assessment.LESS_HARM : Assessment.AVOIDS_HARM, lines));
        }

        private List<Notice> generalNotices(Guidance.Totals totals) {
            List<Notice> notices = new ArrayList<>();
            if (totals.expenses().isPositive()) {
                notices.add(notice(Template.EXPENSES_NOT_PAY, INFO, List.of(), List.of(RuleSources.EXPENSES_ARE_NOT_EARNINGS),
                        "expenses", totals.expenses().toString()));
            }
            if (totals.vouchers().isPositive() && !situation.benefits().isEmpty()) {
                notices.add(notice(Template.VOUCHERS_COUNTED, INFO, List.of(), List.of()));
            }
            TreeMap<TaxYear, Money> perYear = new TreeMap<>();
            payments.forEach(p -> perYear.merge(TaxYear.containing(p.date()), p.earnings(), Money::plus));
            perYear.forEach((year, earned) -> {
                Figure<Money> allowance = rules.forYear(year).orElseThrow().tradingAllowance();
                if (earned.isMoreThan(allowance.require())) {
                    notices.add(notice(Template.TAX_YEAR_TOTAL, INFO, List.of(allowance), List.of(),
                            "amount", earned.toString(), "year", year.toString(), "limit", allowance.require().toString()));
                }
            });
            boolean weekly = situation.benefits().stream().map(Benefit::kind)
                    .anyMatch(k -> k == BenefitKind.CARERS_ALLOWANCE || k == BenefitKind.NEW_STYLE_ESA || k.needsPremium());
            if (weekly) {
                notices.add(notice(Template.WEEK_IS_A_GUESS, INFO, List.of(), List.of()));
            }
            notices.add(notice(Template.COUNCIL_TAX, CAUTION, List.of(), List.of(RuleSources.COUNCIL_TAX)));
            notices.add(notice(Template.TIME_TO_GET_ADVICE, INFO, List.of(), List.of(RuleSources.TIME_FOR_ADVICE)));
            notices.add(notice(Template.NOT_LEGAL_ADVICE, INFO, List.of(), List.of()));
            notices.add(notice(Template.WHERE_TO_GET_ADVICE, INFO, List.of(), List.of(RuleSources.INDEPENDENT_ADVICE)));
            return notices;
        }

        private Guidance.Totals totals() {
            Money fees = Money.ZERO;
            Money vouchers = Money.ZERO;
            Money expenses = Money.ZERO;
            Money credits = Money.ZERO;
            for (PlannedPayment p : payments) {
                switch (p.kind()) {
                    case FEE -> fees = fees.plus(p.amount());
                    case VOUCHER -> vouchers = vouchers.plus(p.amount());
                    case EXPENSE -> expenses = expenses.plus(p.amount());
                    case TIME_CREDIT -> credits = credits.plus(p.amount());
                }
            }
            return new Guidance.Totals(fees, vouchers, expenses, credits);
        }

        private Headroom headroom(BenefitKind kind, String name, Period period, Figure<Money> limit, Money other,
                                  LocalDate busiestStart, Money busiestTotal) {
            return new Headroom(kind, name, period, limit, other, busiestStart, busiestTotal,
                    limit.require().minus(busiestTotal), rate.timeWithin(limit.require().minus(other)), rate);
        }

        private BenefitRules rulesOf(List<PlannedPayment> inPeriod) {
            return rulesOn(inPeriod.getFirst().date());
        }
    }

    private BenefitRules rulesOn(LocalDate date) {
        return rules.require(date, "plan");
    }

    /** The person's share of the benefit lost on {@code earned} above {@code limit}, at {@code pencePerPound}. */
    static Money taperAbove(Money earned, Money limit, long pencePerPound) {
        return earned.above(limit).scale(pencePerPound, 100);
    }

    private static Money earnings(List<PlannedPayment> payments) {
        return payments.stream().map(PlannedPayment::earnings).reduce(Money.ZERO, Money::plus);
    }

    /** Paid time only: expenses and time credits are not paid work. */
    private static WorkHours time(List<PlannedPayment> payments) {
        return payments.stream().filter(p -> p.earnings().isPositive()).map(PlannedPayment::time)
                .reduce(WorkHours.NONE, WorkHours::plus);
    }

    private record Crossing(PlannedPayment payment, Money before) {
    }

    /** The first payment after which the running total (starting at {@code start}) is over the line. */
    private static java.util.Optional<Crossing> findCrossing(List<PlannedPayment> week, Money start, Function<Money, Boolean> over) {
        Money running = start;
        for (PlannedPayment p : week) {
            if (!p.earnings().isPositive()) {
                continue;
            }
            Money before = running;
            running = running.plus(p.earnings());
            if (over.apply(running)) {
                return java.util.Optional.of(new Crossing(p, before));
            }
        }
        return java.util.Optional.empty();
    }

    private static PlannedPayment firstReachingTime(List<PlannedPayment> week, WorkHours limit) {
        WorkHours running = WorkHours.NONE;
        PlannedPayment last = null;
        for (PlannedPayment p : week) {
            if (p.earnings().isPositive()) {
                running = running.plus(p.time());
                last = p;
                if (running.compareTo(limit) >= 0) {
                    return p;
                }
            }
        }
        return last;
    }

    private static Money earningsBefore(List<PlannedPayment> week, PlannedPayment payment) {
        Money sum = Money.ZERO;
        for (PlannedPayment p : week) {
            if (p == payment) {
                break;
            }
            sum = sum.plus(p.earnings());
        }
        return sum;
    }

    /** Tracks the period with the most pay. */
    private static final class Busiest {
        LocalDate start;
        Money total = Money.ZERO;

        Busiest(LocalDate first) {
            this.start = first;
        }

        void see(LocalDate periodStart, Money periodTotal) {
            if (periodTotal.isMoreThan(total)) {
                total = periodTotal;
                start = periodStart;
            }
        }
    }

    /** When other pay uses up part of a limit, says how much of it is left. */
    private static void otherPayCountsToo(Figure<Money> limit, Money other, Period period, List<Notice> notices) {
        if (other.isPositive()) {
            notices.add(notice(Template.OTHER_PAY_COUNTS_TOO, INFO, List.of(limit), List.of(),
                    "other", other.toString(), "period", Words.name(period),
                    "left", limit.require().minus(other).atLeastZero().toString()));
        }
    }

    /** After the first week over a cliff edge is spelled out, the others are counted, not repeated. */
    private static void moreWeeksOver(List<CliffEdge> cliffs, List<Notice> notices) {
        if (cliffs.size() > 1) {
            notices.add(notice(Template.MORE_WEEKS_OVER, CLIFF_EDGE, List.of(cliffs.getFirst().limit()), List.of(),
                    "count", String.valueOf(cliffs.size() - 1)));
        }
    }

    private static MethodOption option(PaymentMethod method, Assessment assessment, Notice... notices) {
        return new MethodOption(method, assessment, Arrays.asList(notices));
    }

    /**
     * A notice from a template. When a figure it uses is known but not confirmed, it says "Check this";
     * an unknown figure is not guessed at, so its template already sends the person to advice.
     *
     * @param values placeholder names and values, in pairs
     */
    private static Notice notice(Template template, Notice.Severity severity, List<Figure<?>> figures,
                                 List<SourceNote> rules, String... values) {
        boolean checkThis = figures.stream().anyMatch(f -> f.isKnown() && f.status().needsChecking());
        String text = template.fill(values) + (checkThis ? " " + Template.CHECK_THIS.text() : "");
        List<SourceNote> sources = new ArrayList<>();
        figures.forEach(f -> sources.add(f.citation()));
        sources.addAll(rules);
        return new Notice(template.name(), severity, text, checkThis, sources);
    }
}
