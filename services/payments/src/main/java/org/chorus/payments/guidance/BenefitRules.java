package org.chorus.payments.guidance;

import java.util.Objects;

/**
 * Every figure the engine uses for one tax year, each with its source and status. Built by
 * {@link BenefitRulesLoader} from the year's rules file; the engine never holds a figure in code.
 *
 * @param version names the exact rules a person was shown, so a recorded choice can say which
 */
public record BenefitRules(
        TaxYear taxYear,
        String version,
        Figure<Long> universalCreditTaperPencePerPound,
        Figure<Money> universalCreditWorkAllowanceWithHousingCosts,
        Figure<Money> universalCreditWorkAllowanceWithoutHousingCosts,
        Figure<Money> universalCreditSurplusEarnings,
        Figure<Money> esaLowerLimit,
        Figure<Money> esaHigherLimit,
        Figure<WorkHours> esaHigherLimitHours,
        Figure<Money> carersAllowanceEarningsLimit,
        Figure<Money> legacyDisregardSingle,
        Figure<Money> legacyDisregardCouple,
        Figure<Money> legacyDisregardHigher,
        Figure<Money> housingBenefitDisregardLoneParent,
        Figure<Long> legacyTaperPencePerPound,
        Figure<Long> housingBenefitTaperPencePerPound,
        Figure<Money> pensionCreditEarnings,
        Figure<Money> tradingAllowance,
        Figure<Money> realLivingWage,
        Figure<Money> realLivingWageLondon) {

    public BenefitRules {
        Objects.requireNonNull(taxYear, "taxYear");
        Objects.requireNonNull(version, "version");
    }

    /** The real Living Wage for an hour, in London or elsewhere in the UK. */
    public Figure<Money> livingWage(boolean london) {
        return london ? realLivingWageLondon : realLivingWage;
    }

    /** The Universal Credit work allowance for someone whose UC does or does not pay housing costs. */
    public Figure<Money> workAllowance(boolean paysHousingCosts) {
        return paysHousingCosts ? universalCreditWorkAllowanceWithHousingCosts : universalCreditWorkAllowanceWithoutHousingCosts;
    }

    /** The weekly earnings disregard for a legacy means-tested benefit or Housing Benefit. */
    public Figure<Money> disregard(Premium premium, boolean housingBenefit) {
        return switch (premium) {
            case SINGLE -> legacyDisregardSingle;
            case COUPLE -> legacyDisregardCouple;
            case HIGHER -> legacyDisregardHigher;
            case LONE_PARENT -> housingBenefit ? housingBenefitDisregardLoneParent : legacyDisregardHigher;
        };
    }
}
