package org.chorus.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

class ChorusTokensTest {

    private static final String ISSUER = "http://127.0.0.1:8180/realms/chorus";
    private final OAuth2TokenValidator<Jwt> validator = ChorusTokens.validator(ISSUER, "chorus", Duration.ofSeconds(60));

    @Test
    void aTokenForChorusFromTheIssuerIsValid() {
        assertThat(validator.validate(token(ISSUER, List.of("account", "chorus"), Instant.now().plusSeconds(300))).hasErrors())
                .isFalse();
    }

    @Test
    void anotherAudienceAnotherIssuerOrAnExpiredTokenIsNot() {
        assertThat(validator.validate(token(ISSUER, List.of("account"), Instant.now().plusSeconds(300))).hasErrors()).isTrue();
        assertThat(validator.validate(token("http://127.0.0.1:8180/realms/other", List.of("chorus"),
                Instant.now().plusSeconds(300))).hasErrors()).isTrue();
        assertThat(validator.validate(token(ISSUER, List.of("chorus"), Instant.now().minusSeconds(61))).hasErrors()).isTrue();
    }

    @Test
    void anIdTokenOrARefreshTokenIsNotAnAccessToken() {
        Instant later = Instant.now().plusSeconds(300);
        for (String type : new String[] {"ID", "Refresh", "Offline"}) {
            assertThat(validator.validate(token(ISSUER, List.of("chorus"), later, type)).hasErrors()).as(type).isTrue();
        }
        assertThat(validator.validate(Jwt.withTokenValue("t").header("alg", "RS256").issuer(ISSUER).audience(List.of("chorus"))
                .subject("s-1").issuedAt(later.minusSeconds(300)).expiresAt(later).build()).hasErrors())
                .as("no type at all").isTrue();
    }

    @Test
    void moreThanAMinuteOfSkewIsRefused() {
        assertThatThrownBy(() -> ChorusTokens.validator(ISSUER, "chorus", Duration.ofSeconds(61)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Jwt token(String issuer, List<String> audience, Instant expires) {
        return token(issuer, audience, expires, "Bearer");
    }

    private static Jwt token(String issuer, List<String> audience, Instant expires, String type) {
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .issuer(issuer)
                .audience(audience)
                .subject("s-1")
                .issuedAt(expires.minusSeconds(300))
                .expiresAt(expires)
                .claim("typ", type)
                .build();
    }
}
