package org.chorus.payments.benefits;

import java.util.UUID;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.names.ResourceName;
import org.chorus.platform.names.ResourcePattern;

/**
 * A member of one commission, as resource names carry them. For now the member id is the member's
 * sign-in subject (the token's {@code sub}); the membership service will give members ids of their own.
 */
public record MemberKey(String commissionId, String memberId) {

    private static final ResourcePattern SITUATION = ResourcePattern.of("commissions/{commission}/members/{member}/benefitsSituation");
    private static final ResourcePattern CHOICE =
            ResourcePattern.of("commissions/{commission}/members/{member}/paymentChoices/{payment_choice}");

    /** {@code commissions/{commission}/members/{member}}. */
    public static MemberKey fromMemberName(String name, String field) {
        return of(ResourcePattern.MEMBER_NAME.parse(name, field));
    }

    /** {@code commissions/{commission}/members/{member}/benefitsSituation}. */
    public static MemberKey fromSituationName(String name, String field) {
        return of(SITUATION.parse(name, field));
    }

    /** {@code commissions/{commission}/members/{member}/paymentChoices/{payment_choice}}, the last a UUID. */
    public static ChoiceKey fromChoiceName(String name, String field) {
        ResourceName n = CHOICE.parse(name, field);
        try {
            return new ChoiceKey(of(n), UUID.fromString(n.last()));
        } catch (IllegalArgumentException notAUuid) {
            throw ChorusException.invalid("INVALID_NAME", field,
                    "This name should look like \"" + CHOICE.example() + "\", where the payment choice's id is a UUID.");
        }
    }

    public String memberName() {
        return ResourcePattern.MEMBER_NAME.format(commissionId, memberId);
    }

    public String situationName() {
        return SITUATION.format(commissionId, memberId);
    }

    /** One payment choice of a member. */
    public record ChoiceKey(MemberKey member, UUID id) {
        public String name() {
            return CHOICE.format(member.commissionId, member.memberId, id.toString());
        }
    }

    private static MemberKey of(ResourceName name) {
        return new MemberKey(name.commission().value(), name.id("member"));
    }
}
