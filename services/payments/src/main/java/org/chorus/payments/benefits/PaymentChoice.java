package org.chorus.payments.benefits;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.chorus.payments.benefits.MemberKey.ChoiceKey;
import org.chorus.payments.guidance.GuidanceRequest.PlanDraft;
import org.chorus.payments.guidance.PaymentMethod;

/**
 * How a member chose to be paid for a plan, with the version of the guidance they saw. Never changed.
 *
 * @param lowerAmountPence only with {@link PaymentMethod#LOWER_AMOUNT}, else null
 * @param reason           the member's own words, or empty
 */
public record PaymentChoice(ChoiceKey key, PaymentMethod method, Long lowerAmountPence, String reason, PlanDraft plan,
                            boolean london, List<String> rulesVersions, String guidanceFingerprint, Instant createTime,
                            String recordedBy, boolean onBehalf) {

    public PaymentChoice {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(createTime, "createTime");
        reason = reason == null ? "" : reason;
        rulesVersions = List.copyOf(rulesVersions);
    }
}
