package org.chorus.membership.grant;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.chorus.identity.Role;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.requests.RequestIds;

/**
 * The command to give a person a role in a commission. It checks itself: an instance always holds
 * a valid request. The person is kept in lower case, so the same person named twice the same way is one.
 *
 * @param requestId the caller's idempotency key, or null when none was sent
 * @param reason    why the role is given, or {@code ""}; it goes to the feed, not into the fingerprint
 */
public record NewRoleGrant(String commission, String person, Role role, UUID requestId, String reason) {

    /** The most a reason for giving or taking away a role may say. */
    public static final int MAX_REASON = 500;

    static final int MAX_PERSON = 254;
    private static final Pattern SUBJECT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@+-]{1,254}");

    /** How a person was named. */
    public enum PersonKind { SUBJECT, EMAIL, USERNAME }

    public NewRoleGrant {
        Objects.requireNonNull(commission, "commission");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Checks the raw request and builds the command.
     *
     * @param role null when no role, or one that is not held in a commission, was sent
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found
     */
    public static NewRoleGrant of(String commission, String person, Role role, String requestId, String reason) {
        Violations violations = new Violations();
        // Keycloak matches usernames and emails without regard to case, and subjects are lower case.
        String cleaned = person == null ? "" : person.strip().toLowerCase(Locale.ROOT);
        if (violations.check(!cleaned.isEmpty(), "role_grant.person",
                "Please say who gets the role: their email address, their username or their sign-in subject.")) {
            violations.check(cleaned.length() <= MAX_PERSON && USERNAME.matcher(cleaned).matches(), "role_grant.person",
                    "This does not look like an email address, a username or a sign-in subject. "
                            + "Use letters, numbers and . _ @ + - only, 254 characters at most.");
            violations.check(!cleaned.contains("@") || cleaned.matches("[^@]+@[^@]+\\.[^@]+"), "role_grant.person",
                    "This email address is not complete. It looks like robin@leeds.gov.uk.");
        }
        violations.check(role != null && !role.networkWide(), "role_grant.role",
                "Please choose a role: FACILITATOR, FINANCE, MEMBER or VIEWER.");
        UUID parsedRequestId = RequestIds.requestId(requestId, violations);
        violations.checkText(reason, "reason", "the reason", 0, MAX_REASON);
        violations.throwIfAny("INVALID_ROLE_GRANT", "Some details of the role grant need fixing.");
        return new NewRoleGrant(commission, cleaned, role, parsedRequestId, reason == null ? "" : reason.strip());
    }

    public PersonKind personKind() {
        return kindOf(person);
    }

    static PersonKind kindOf(String person) {
        if (SUBJECT.matcher(person).matches()) {
            return PersonKind.SUBJECT;
        }
        return person.contains("@") ? PersonKind.EMAIL : PersonKind.USERNAME;
    }

    /** A fingerprint of what is asked for, to tell a true retry from a different request that reuses the request id. */
    String fingerprint() {
        return RequestIds.fingerprint("roleGrant", commission, person, role.claimName());
    }
}
