package org.chorus.payments.benefits;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.platform.errors.ChorusException;

/**
 * A member of one commission, as resource names carry them. For now the member id is the member's
 * sign-in subject (the token's {@code sub}); the membership service will give members ids of their own.
 */
public record MemberKey(String commissionId, String memberId) {

    private static final String COMMISSION = "[a-z][a-z0-9-]{1,38}[a-z0-9]";
    private static final String MEMBER = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
    private static final Pattern MEMBER_NAME = Pattern.compile("commissions/(" + COMMISSION + ")/members/(" + MEMBER + ")");
    private static final Pattern SITUATION_NAME = Pattern.compile(MEMBER_NAME.pattern() + "/benefitsSituation");
    private static final Pattern CHOICE_NAME = Pattern.compile(MEMBER_NAME.pattern() + "/paymentChoices/([0-9a-f-]{36})");

    /** {@code commissions/{commission}/members/{member}}. */
    public static MemberKey fromMemberName(String name, String field) {
        Matcher m = match(MEMBER_NAME, name, field, "commissions/leeds/members/{member}");
        return new MemberKey(m.group(1), m.group(2));
    }

    /** {@code commissions/{commission}/members/{member}/benefitsSituation}. */
    public static MemberKey fromSituationName(String name, String field) {
        Matcher m = match(SITUATION_NAME, name, field, "commissions/leeds/members/{member}/benefitsSituation");
        return new MemberKey(m.group(1), m.group(2));
    }

    /** {@code commissions/{commission}/members/{member}/paymentChoices/{payment_choice}}. */
    public static ChoiceKey fromChoiceName(String name, String field) {
        Matcher m = match(CHOICE_NAME, name, field, "commissions/leeds/members/{member}/paymentChoices/{payment_choice}");
        try {
            return new ChoiceKey(new MemberKey(m.group(1), m.group(2)), UUID.fromString(m.group(3)));
        } catch (IllegalArgumentException notAUuid) {
            throw invalid(field, "commissions/leeds/members/{member}/paymentChoices/{payment_choice}");
        }
    }

    public String memberName() {
        return "commissions/" + commissionId + "/members/" + memberId;
    }

    public String situationName() {
        return memberName() + "/benefitsSituation";
    }

    /** One payment choice of a member. */
    public record ChoiceKey(MemberKey member, UUID id) {
        public String name() {
            return member.memberName() + "/paymentChoices/" + id;
        }
    }

    private static Matcher match(Pattern pattern, String name, String field, String example) {
        Matcher m = pattern.matcher(name == null ? "" : name);
        if (!m.matches()) {
            throw invalid(field, example);
        }
        return m;
    }

    private static ChorusException invalid(String field, String example) {
        return ChorusException.invalid("INVALID_NAME", field, "The " + field + " must look like \"" + example + "\".");
    }
}
