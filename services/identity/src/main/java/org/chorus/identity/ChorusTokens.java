package org.chorus.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The one definition of a token Chorus accepts, for the gateway and every service alike: RS256
 * only, from exactly the configured issuer, for the {@code chorus} audience, an access token
 * ({@code typ} {@code Bearer}: never an ID or refresh token), and within at most a minute of clock skew. The keys are fetched from the issuer's JWKS on first use and cached; a
 * token signed with a key id not in the cache makes the decoder fetch the set again, which is how
 * Keycloak's key rotation is followed.
 * <p>
 * A token that passed the whole check is remembered until it expires ({@link VerifiedTokens}): the same
 * token sent again is checked against the rule's times, issuer and audience, not verified and parsed again.
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
        return validator(issuer, audience, skew, Clock.systemUTC());
    }

    /** {@link #validator(String, String, Duration)} with the time from {@code clock}. */
    static OAuth2TokenValidator<Jwt> validator(String issuer, String audience, Duration skew, Clock clock) {
        if (skew.compareTo(MAX_CLOCK_SKEW) > 0 || skew.isNegative()) {
            throw new IllegalArgumentException("The clock skew must be between 0 and 60 seconds: " + skew);
        }
        JwtTimestampValidator times = new JwtTimestampValidator(skew);
        times.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(List.of(
                times,
                new JwtIssuerValidator(issuer),
                audienceValidator(audience),
                accessTokenValidator()));
    }

    /**
     * A decoder for services: RS256 keys from {@code jwkSetUri} (Keycloak's is
     * {@code <issuer>/protocol/openid-connect/certs}), fetched lazily, so a service starts before
     * Keycloak does. Tokens it accepts are remembered until they expire.
     */
    public static JwtDecoder decoder(String issuer, String jwkSetUri) {
        OAuth2TokenValidator<Jwt> rule = validator(issuer, AUDIENCE, MAX_CLOCK_SKEW);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(rule);
        return cached(decoder, rule, Clock.systemUTC(), VerifiedTokens.DEFAULT_MAX_ENTRIES);
    }

    /**
     * {@code decoder}, remembering the tokens it accepts, at most {@code maxEntries}; {@code rule} is the
     * validator {@code decoder} applies, asked again about a remembered token outside its times
     * ({@link VerifiedTokens}).
     */
    static JwtDecoder cached(JwtDecoder decoder, OAuth2TokenValidator<Jwt> rule, Clock clock, int maxEntries) {
        VerifiedTokens verified = new VerifiedTokens(rule, clock, maxEntries);
        return token -> {
            Jwt known = verified.recall(token);
            if (known != null) {
                return known;
            }
            Jwt jwt = decoder.decode(token);
            verified.remember(jwt);
            return jwt;
        };
    }

    /** Keycloak marks its access tokens {@code "typ": "Bearer"}; its ID tokens say {@code ID}, its refresh tokens {@code Refresh}. */
    private static OAuth2TokenValidator<Jwt> accessTokenValidator() {
        OAuth2Error notAccess = new OAuth2Error("invalid_token", "The token is not an access token", null);
        return jwt -> "Bearer".equals(jwt.getClaimAsString("typ"))
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(notAccess);
    }

    private static OAuth2TokenValidator<Jwt> audienceValidator(String audience) {
        OAuth2Error wrongAudience = new OAuth2Error("invalid_token", "The token is not meant for Chorus", null);
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(wrongAudience);
    }
}
