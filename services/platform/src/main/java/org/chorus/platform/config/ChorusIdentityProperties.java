package org.chorus.platform.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where tokens come from, under {@code chorus.identity}.
 *
 * @param issuerUri the Keycloak realm every token must be issued by, exactly
 *                  ({@code http://127.0.0.1:8180/realms/chorus} locally)
 * @param jwkSetUri where to fetch the realm's keys, when the service reaches Keycloak by another
 *                  address than the issuer's (containers); by default the issuer's own
 * @param tokenUri  where a service asks for its own token, when it reaches Keycloak by another
 *                  address than the issuer's; by default the issuer's own token endpoint
 * @param serviceClientId     the Keycloak client a service calls other services as ({@code chorus-services})
 * @param serviceClientSecret its secret
 */
@ConfigurationProperties("chorus.identity")
public record ChorusIdentityProperties(String issuerUri, String jwkSetUri, String tokenUri, String serviceClientId,
                                       String serviceClientSecret) {
    public ChorusIdentityProperties {
        if (issuerUri == null || issuerUri.isBlank()) {
            throw new IllegalArgumentException("chorus.identity.issuer-uri must name the Keycloak realm that issues tokens");
        }
        jwkSetUri = jwkSetUri == null || jwkSetUri.isBlank() ? issuerUri + "/protocol/openid-connect/certs" : jwkSetUri;
        tokenUri = tokenUri == null || tokenUri.isBlank() ? issuerUri + "/protocol/openid-connect/token" : tokenUri;
    }
}
