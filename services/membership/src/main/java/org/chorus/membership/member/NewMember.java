package org.chorus.membership.member;

import java.util.UUID;
import org.chorus.membership.member.Member.Kind;
import org.chorus.membership.member.PersonalDetails.Credit;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.requests.RequestIds;

/**
 * A person to add to a commission, checked in full before anything is looked up.
 *
 * @param account      the sign-in subject of an existing account, or empty
 * @param organization {@code organizations/{organization}}, or empty
 * @param requestId    the request id, or null when none was sent
 */
public record NewMember(String commission, String account, Kind kind, Credit credit, String organization, PersonalDetails personal,
                        UUID requestId) {

    static final String ORGANIZATION_FORM = "An organisation's name looks like \"organizations/leeds-city-council\".";
    private static final int MAX_ACCOUNT = 64;

    /** Empty, or an organisation's resource name. */
    static boolean isOrganization(String name) {
        return name.isEmpty() || name.matches("organizations/[a-z0-9-]{1,63}");
    }

    /** The command, or INVALID_ARGUMENT ({@code INVALID_MEMBER}) listing every problem. */
    public static NewMember of(String commission, String account, Kind kind, Credit credit, String organization,
                               PersonalDetails personal, String requestId) {
        Violations violations = new Violations();
        personal.check(violations, "member.", true);
        violations.check(kind != null, "member.kind",
                "Say how the person takes part: EXPERT_BY_EXPERIENCE, CIVIC_COMMISSIONER or BUSINESS_COMMISSIONER.");
        violations.check(account.length() <= MAX_ACCOUNT && account.matches("[A-Za-z0-9-]*"), "member.account",
                "An account is the sign-in subject of a Chorus account, up to 64 letters, digits and dashes.");
        violations.check(isOrganization(organization), "member.organization", ORGANIZATION_FORM);
        violations.check(credit != Credit.CHOSEN_NAME || !personal.chosenName().isEmpty(), "member.chosen_name",
                "Give the name the person chose to be credited by.");
        UUID id = RequestIds.requestId(requestId, violations);
        violations.throwIfAny("INVALID_MEMBER", "Some of the person's details need changing: see each field.");
        return new NewMember(commission, account, kind, credit == null ? Credit.CREDIT_UNSPECIFIED : credit, organization, personal, id);
    }

    /** What is asked for, to tell a true retry from a different request that reuses the request id. */
    String fingerprint() {
        return RequestIds.fingerprint("member", commission, account, kind.name(), credit.name(), organization, personal.displayName(),
                personal.chosenName(), personal.email(), personal.phone());
    }
}
