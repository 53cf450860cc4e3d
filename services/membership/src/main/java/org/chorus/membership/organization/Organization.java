package org.chorus.membership.organization;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.chorus.platform.names.ResourcePattern;

/**
 * A member organisation of the network, as Keycloak keeps it.
 *
 * @param id               its id and Keycloak alias, e.g. {@code leeds-council}
 * @param emailDomains     its email domains, in lower case
 * @param identityProvider its own identity provider, when its people sign in through it
 */
public record Organization(String id, String displayName, List<String> emailDomains, Optional<IdentityProvider> identityProvider) {

    public Organization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        emailDomains = List.copyOf(emailDomains);
        Objects.requireNonNull(identityProvider, "identityProvider");
    }

    /** {@code organizations/{organization}}. */
    public static final ResourcePattern NAME = ResourcePattern.of("organizations/{organization}");

    public String resourceName() {
        return NAME.format(id);
    }

    /** The Keycloak alias of an organisation's identity provider: the value of {@code kc_idp_hint}. */
    public static String identityProviderAlias(String organisationId) {
        return organisationId + "-idp";
    }

    /**
     * An organisation's own OpenID Connect provider.
     *
     * @param jwksUrl      its signing keys, or empty when signatures are not checked
     * @param clientSecret the secret Chorus's Keycloak uses; empty when read back (never returned)
     */
    public record IdentityProvider(String alias, String issuer, String authorizationUrl, String tokenUrl, String jwksUrl,
                                   String clientId, String clientSecret) {
        public IdentityProvider {
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(authorizationUrl, "authorizationUrl");
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            jwksUrl = jwksUrl == null ? "" : jwksUrl;
            Objects.requireNonNull(clientId, "clientId");
            clientSecret = clientSecret == null ? "" : clientSecret;
        }
    }
}
