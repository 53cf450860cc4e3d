package org.chorus.membership.organization;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.chorus.contract.ContractRules;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.requests.RequestIds;

/**
 * The command to add a member organisation. It checks itself: an instance always holds a valid
 * request. Field names in violations are the API's.
 *
 * @param requestId the caller's idempotency key, or null when none was sent
 */
public record NewOrganization(Organization organization, UUID requestId) {

    static final int MAX_NAME = 120;
    static final int MAX_DOMAINS = 10;
    private static final Pattern DOMAIN = Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    /** What the caller sent for the identity provider; all empty when none. */
    public record IdentityProviderInput(String issuer, String authorizationUrl, String tokenUrl, String jwksUrl,
                                        String clientId, String clientSecret) {
        boolean isEmpty() {
            return String.join("", nz(issuer), nz(authorizationUrl), nz(tokenUrl), nz(jwksUrl), nz(clientId), nz(clientSecret)).isEmpty();
        }
    }

    /**
     * Checks the raw request and builds the command.
     *
     * @param identityProvider null when the organisation has no identity provider of its own
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found
     */
    public static NewOrganization of(String id, String displayName, List<String> emailDomains,
                                     IdentityProviderInput identityProvider, String requestId) {
        Violations violations = new Violations();
        if (violations.check(id != null && !id.isBlank(), "organization_id", "Please give the organisation an id. " + ContractRules.COMMISSION_ID_RULE)) {
            violations.check(ContractRules.isOrganizationId(id), "organization_id", ContractRules.COMMISSION_ID_RULE);
        }
        violations.checkText(displayName, "organization.display_name", "the organisation's name", 1, MAX_NAME);
        List<String> domains = new ArrayList<>(new LinkedHashSet<>(emailDomains.stream()
                .map(d -> d.strip().toLowerCase(Locale.ROOT)).toList()));
        if (violations.check(!domains.isEmpty() && domains.size() <= MAX_DOMAINS, "organization.email_domains",
                "Please give between 1 and " + MAX_DOMAINS + " email domains, for example leeds.gov.uk.")) {
            for (int i = 0; i < domains.size(); i++) {
                violations.check(DOMAIN.matcher(domains.get(i)).matches(), "organization.email_domains[" + i + "]",
                        "\"" + domains.get(i) + "\" is not an email domain. An email domain looks like leeds.gov.uk.");
            }
        }
        Optional<Organization.IdentityProvider> provider = Optional.empty();
        if (identityProvider != null && !identityProvider.isEmpty()) {
            String p = "organization.identity_provider.";
            boolean ok = url(violations, identityProvider.issuer(), p + "issuer", true)
                    & url(violations, identityProvider.authorizationUrl(), p + "authorization_url", true)
                    & url(violations, identityProvider.tokenUrl(), p + "token_url", true)
                    & url(violations, identityProvider.jwksUrl(), p + "jwks_url", false)
                    & violations.checkText(identityProvider.clientId(), p + "client_id", "the client id", 1, 255)
                    & violations.checkText(identityProvider.clientSecret(), p + "client_secret", "the client secret", 1, 1024);
            if (ok && ContractRules.isOrganizationId(id)) {
                provider = Optional.of(new Organization.IdentityProvider(Organization.identityProviderAlias(id),
                        identityProvider.issuer().strip(), identityProvider.authorizationUrl().strip(),
                        identityProvider.tokenUrl().strip(), nz(identityProvider.jwksUrl()).strip(),
                        identityProvider.clientId().strip(), identityProvider.clientSecret()));
            }
        }
        UUID parsedRequestId = RequestIds.requestId(requestId, violations);
        violations.throwIfAny("INVALID_ORGANIZATION", "Some details of the organisation need fixing.");
        return new NewOrganization(new Organization(id, displayName.strip(), domains, provider), parsedRequestId);
    }

    /** A fingerprint of what is asked for (the secret included, hashed), to tell a true retry from a different request. */
    String fingerprint() {
        Organization o = organization;
        String provider = o.identityProvider().map(p -> String.join("\u0001", p.issuer(), p.authorizationUrl(), p.tokenUrl(),
                p.jwksUrl(), p.clientId(), RequestIds.fingerprint(p.clientSecret()))).orElse("");
        return RequestIds.fingerprint("organization", o.id(), o.displayName(), String.join(",", o.emailDomains()), provider);
    }

    private static boolean url(Violations violations, String value, String field, boolean required) {
        if (value == null || value.isBlank()) {
            return violations.check(!required, field, "Please give the " + field.substring(field.lastIndexOf('.') + 1).replace('_', ' ')
                    + ", an address starting with https://.");
        }
        boolean ok;
        try {
            URI uri = new URI(value.strip());
            ok = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception notUri) {
            ok = false;
        }
        return violations.check(ok, field, "This is not a web address. It should start with https://, for example "
                + "https://login.leeds.gov.uk/realms/staff.");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
