package org.chorus.payments.benefits;

import java.util.List;
import java.util.UUID;
import org.chorus.payments.guidance.GuidanceRequest;
import org.chorus.payments.guidance.GuidanceRequest.PlanDraft;
import org.chorus.payments.guidance.GuidanceRequest.SituationDraft;
import org.chorus.payments.guidance.PaymentMethod;
import org.chorus.payments.guidance.PlannedPayment;
import org.chorus.payments.guidance.RulesBook;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.chorus.platform.errors.Violations;

/**
 * A checked request to record a member's payment choice. Build it with {@link #of}, which refuses it
 * with INVALID_ARGUMENT naming every wrong field (in the API's names) before anything is stored.
 */
public record NewPaymentChoice(PaymentMethod method, Long lowerAmountPence, String reason, PlanDraft plan, boolean london,
                               List<String> rulesVersions, String guidanceFingerprint, UUID requestId) {

    static final String REASON = "INVALID_PAYMENT_CHOICE";
    static final int MOST_REASON_CHARACTERS = 500;
    private static final String FINGERPRINT = "sha256:[0-9a-f]{64}";
    private static final String RULES_VERSION = "[0-9]{4}-[0-9]{2}\\.[0-9A-Za-z.-]{1,20}";

    /**
     * Checks everything and builds the command.
     *
     * @param method           null when not given or not known
     * @param lowerAmountPence null when not given
     */
    public static NewPaymentChoice of(PaymentMethod method, Long lowerAmountPence, String reason, PlanDraft plan,
                                      boolean london, List<String> rulesVersions, String fingerprint, String requestId,
                                      RulesBook rules) {
        Violations v = new Violations();
        String field = "payment_choice.";
        v.check(method != null, field + "method",
                "Please choose how you want to be paid: bank transfer, vouchers, time credits, a lower amount, no payment, or giving it to a charity.");
        if (method == PaymentMethod.LOWER_AMOUNT) {
            if (v.check(lowerAmountPence != null, field + "lower_amount", "Please say the lower amount you want.")) {
                v.check(lowerAmountPence >= 0 && lowerAmountPence <= PlannedPayment.MOST_FOR_ONE_PAYMENT.pence(),
                        field + "lower_amount", "The lower amount must be from £0 to " + PlannedPayment.MOST_FOR_ONE_PAYMENT + ".");
            }
        } else {
            v.check(lowerAmountPence == null, field + "lower_amount", "Only give a lower amount when you choose a lower amount.");
        }
        v.checkText(reason, field + "reason", "your reason", 0, MOST_REASON_CHARACTERS);
        v.check(rulesVersions != null && !rulesVersions.isEmpty() && rulesVersions.size() <= 10
                        && rulesVersions.stream().allMatch(r -> r != null && r.matches(RULES_VERSION)),
                field + "rules_versions", "Please send back the rules versions of the guidance you saw, for example \"2025-26.1\".");
        v.check(fingerprint != null && fingerprint.matches(FINGERPRINT), field + "guidance_fingerprint",
                "Please send back the guidance fingerprint of the guidance you saw. It starts with \"sha256:\".");
        UUID id = null;
        try {
            id = requestId == null || requestId.isBlank() ? null : UUID.fromString(requestId.strip());
        } catch (IllegalArgumentException notAUuid) {
            id = null;
        }
        v.check(id != null, "request_id", "Please send a request id: a UUID, new for each choice, the same when you retry.");
        List<FieldViolation> planProblems = List.of();
        try {
            GuidanceRequest.of(new SituationDraft(List.of(), 0, null, london), plan, rules);
        } catch (ChorusException wrongPlan) {
            planProblems = wrongPlan.violations().stream()
                    .map(p -> new FieldViolation(field + p.field(), p.description())).toList();
        }
        planProblems.forEach(p -> v.check(false, p.field(), p.description()));
        v.throwIfAny(REASON, "Some details of your choice need fixing.");
        return new NewPaymentChoice(method, lowerAmountPence, reason == null ? "" : reason.strip(), plan, london,
                List.copyOf(rulesVersions), fingerprint, id);
    }
}
