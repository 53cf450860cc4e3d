package org.chorus.identity;

import java.time.Duration;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The one definition of a token Chorus accepts, for the gateway and every service alike: RS256
 * only, from exactly the configured issuer, for the {@code chorus} audience, and within at most a
 * minute of clock skew. The keys are fetched from the issuer's JWKS on first use and cached; a
 * token signed with a key id not in the cache makes the decoder fetch the set again, which is how
 * Keycloak's key rotation is followed.
 */
public final class ChorusTokens {

    /** The audience every Chorus token carries (Keycloak client scope {@code chorus}). */
    public static final String AUDIENCE = "chorus";
    /** The most clock skew allowed between Keycloak and Chorus. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

    private ChorusTokens() {
    }

    /** The checks on a decoded token: times (with {@code skew}), issuer, audience. */
    public static OAuth2TokenValidator<Jwt> validator(String issuer, String audience, Duration skew) {
        if (skew.compareTo(MAX_CLOCK_SKEW) > 0 || skew.isNegative()) {
            throw new IllegalArgumentException("The clock skew must be between 0 and 60 seconds: " + skew);
        }
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(skew),
                new JwtIssuerValidator(issuer),
                audienceValidator(audience)));
    }

    /**
     * A decoder for services: RS256 keys from {@code jwkSetUri} (Keycloak's is
     * {@code <issuer>/protocol/openid-connect/certs}), fetched lazily, so a service starts before
     * Keycloak does.
     */
    public static NimbusJwtDecoder decoder(String issuer, String jwkSetUri) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(validator(issuer, AUDIENCE, MAX_CLOCK_SKEW));
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> audienceValidator(String audience) {
        OAuth2Error wrongAudience = new OAuth2Error("invalid_token", "The token is not meant for Chorus", null);
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(wrongAudience);
    }
}
