package org.chorus.payments.guidance;

import java.util.Objects;

/**
 * One benefit a person has told us they get, with the details that change its rules. Build it
 * through {@link GuidanceRequest#of}, which checks it and names the field of anything wrong.
 *
 * @param premium                  only for legacy means-tested benefits and Housing Benefit, else null
 * @param paysHousingCosts         Universal Credit only: whether it includes housing costs
 * @param workAllowance            Universal Credit only: whether there is a work allowance
 * @param responsibleForChild      Universal Credit only
 * @param limitedCapabilityForWork Universal Credit only: the DWP has found that health limits work
 */
public record Benefit(BenefitKind kind, Premium premium, boolean paysHousingCosts, boolean workAllowance,
                      boolean responsibleForChild, boolean limitedCapabilityForWork) {

    public Benefit {
        Objects.requireNonNull(kind, "kind");
        if (kind.needsPremium() != (premium != null)) {
            throw new IllegalArgumentException(kind + (kind.needsPremium() ? " needs" : " takes no") + " premium");
        }
        if (kind != BenefitKind.UNIVERSAL_CREDIT && (paysHousingCosts || workAllowance || responsibleForChild || limitedCapabilityForWork)) {
            throw new IllegalArgumentException("Only Universal Credit has housing costs and a work allowance");
        }
        if (workAllowance && !responsibleForChild && !limitedCapabilityForWork) {
            throw new IllegalArgumentException("A work allowance needs a child or limited capability for work");
        }
    }

    public static Benefit of(BenefitKind kind) {
        return new Benefit(kind, null, false, false, false, false);
    }

    public static Benefit legacy(BenefitKind kind, Premium premium) {
        return new Benefit(kind, premium, false, false, false, false);
    }

    public static Benefit universalCredit(boolean paysHousingCosts, boolean responsibleForChild, boolean limitedCapabilityForWork) {
        return new Benefit(BenefitKind.UNIVERSAL_CREDIT, null, paysHousingCosts,
                responsibleForChild || limitedCapabilityForWork, responsibleForChild, limitedCapabilityForWork);
    }
}
