package org.chorus.payments.guidance;

/** The benefits the guidance knows about. People choose which, if any, to tell us. */
public enum BenefitKind {
    UNIVERSAL_CREDIT,
    NEW_STYLE_ESA,
    CARERS_ALLOWANCE,
    INCOME_SUPPORT,
    INCOME_BASED_JSA,
    INCOME_RELATED_ESA,
    HOUSING_BENEFIT,
    PIP,
    DLA,
    ATTENDANCE_ALLOWANCE,
    PENSION_CREDIT;

    /** Income Support, income-based JSA and income-related ESA: the old means-tested benefits. */
    public boolean isLegacyMeansTested() {
        return this == INCOME_SUPPORT || this == INCOME_BASED_JSA || this == INCOME_RELATED_ESA;
    }

    /** Needs a premium level to find its earnings disregard. */
    public boolean needsPremium() {
        return isLegacyMeansTested() || this == HOUSING_BENEFIT;
    }

    /** PIP, DLA and Attendance Allowance: not means-tested, so pay never lowers them. */
    public boolean isDisabilityBenefit() {
        return this == PIP || this == DLA || this == ATTENDANCE_ALLOWANCE;
    }
}
