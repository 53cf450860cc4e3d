package org.chorus.launcher;

/** Where a Keycloak server answers, e.g. {@code http://127.0.0.1:8180}, without a trailing slash. */
public record KeycloakEndpoint(String baseUrl) {

    public static final String REALM = "chorus";

    public KeycloakEndpoint {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The issuer the realm's tokens carry in {@code iss}. */
    public String issuerUri() {
        return baseUrl + "/realms/" + REALM;
    }

    public String tokenUri() {
        return issuerUri() + "/protocol/openid-connect/token";
    }

    public String wellKnownUri() {
        return issuerUri() + "/.well-known/openid-configuration";
    }
}
