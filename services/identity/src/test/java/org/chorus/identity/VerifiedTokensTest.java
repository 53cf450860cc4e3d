package org.chorus.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The token rule's cache: real RS256 tokens, signed here, checked by the same Nimbus decoder the services
 * use (with the public key instead of a JWKS address), and a clock the test moves.
 */
class VerifiedTokensTest {

    private static final String ISSUER = "http://127.0.0.1:8180/realms/chorus";
    private static final KeyPair KEYS = rsaKeys();
    private static final KeyPair OTHER_KEYS = rsaKeys();

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final OAuth2TokenValidator<Jwt> rule = ChorusTokens.validator(ISSUER, ChorusTokens.AUDIENCE, ChorusTokens.MAX_CLOCK_SKEW, clock);
    private final AtomicInteger fullChecks = new AtomicInteger();
    private final JwtDecoder decoder = ChorusTokens.cached(countingDecoder(), rule, clock, 3);

    @Test
    void theSameTokenAgainIsNotVerifiedAgain() {
        String token = sign(KEYS, "amara", ChorusTokens.AUDIENCE, clock.instant().plusSeconds(300));

        Jwt first = decoder.decode(token);
        Jwt again = decoder.decode(token);

        assertThat(again.getSubject()).isEqualTo("amara");
        assertThat(again.getClaims()).isEqualTo(first.getClaims());
        assertThat(fullChecks).hasValue(1);
    }

    @Test
    void aRememberedTokenStopsWorkingWhenTheRuleSaysItHasExpired() {
        Instant expires = clock.instant().plusSeconds(300);
        String token = sign(KEYS, "amara", ChorusTokens.AUDIENCE, expires);
        decoder.decode(token);

        clock.set(expires.plus(ChorusTokens.MAX_CLOCK_SKEW));
        assertThat(decoder.decode(token).getSubject()).isEqualTo("amara");

        clock.set(expires.plus(ChorusTokens.MAX_CLOCK_SKEW).plusSeconds(1));
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void theRuleIsAskedAgainOnlyOnceATokensTimesHavePassed() {
        AtomicInteger ruleChecks = new AtomicInteger();
        JwtDecoder counted = ChorusTokens.cached(countingDecoder(), jwt -> {
            ruleChecks.incrementAndGet();
            return rule.validate(jwt);
        }, clock, 3);
        Instant expires = clock.instant().plusSeconds(300);
        String token = sign(KEYS, "amara", ChorusTokens.AUDIENCE, expires);
        counted.decode(token);

        clock.set(expires);
        counted.decode(token);
        assertThat(ruleChecks).hasValue(0);

        clock.set(expires.plusSeconds(1));
        assertThat(counted.decode(token).getSubject()).isEqualTo("amara");
        assertThat(ruleChecks).hasValue(1);
        assertThat(fullChecks).hasValue(1);
    }

    @Test
    void aDifferentTokenIsVerifiedAgain() {
        decoder.decode(sign(KEYS, "amara", ChorusTokens.AUDIENCE, clock.instant().plusSeconds(300)));

        Jwt other = decoder.decode(sign(KEYS, "dev", ChorusTokens.AUDIENCE, clock.instant().plusSeconds(300)));

        assertThat(other.getSubject()).isEqualTo("dev");
        assertThat(fullChecks).hasValue(2);
    }

    @Test
    void theClaimsOfARememberedTokenWithAnotherSignatureAreRefused() {
        String token = sign(KEYS, "amara", ChorusTokens.AUDIENCE, clock.instant().plusSeconds(300));
        decoder.decode(token);
        String forged = token.substring(0, token.lastIndexOf('.') + 1)
                + sign(OTHER_KEYS, "amara", ChorusTokens.AUDIENCE, clock.instant().plusSeconds(300)).substring(token.lastIndexOf('.') + 1);

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(decoder.decode(token).getSubject()).isEqualTo("amara");
    }

    @Test
    void aRefusedTokenIsNotRememberedAndIsRefusedEveryTime() {
        String notForChorus = sign(KEYS, "amara", "account", clock.instant().plusSeconds(300));

        assertThatThrownBy(() -> decoder.decode(notForChorus)).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> decoder.decode(notForChorus)).isInstanceOf(JwtValidationException.class);
        assertThat(fullChecks).hasValue(2);
    }

    @Test
    void whenFullANewTokenIsStillAcceptedButNotRemembered() {
        for (String subject : List.of("amara", "dev", "sam")) {
            decoder.decode(sign(KEYS, subject, ChorusTokens.AUDIENCE, clock.instant().plusSeconds(300)));
        }
        String fourth = sign(KEYS, "priya", ChorusTokens.AUDIENCE, clock.instant().plusSeconds(300));

        assertThat(decoder.decode(fourth).getSubject()).isEqualTo("priya");
        assertThat(decoder.decode(fourth).getSubject()).isEqualTo("priya");
        assertThat(fullChecks).hasValue(5);
    }

    @Test
    void whenFullExpiredTokensMakeRoom() {
        for (String subject : List.of("amara", "dev", "sam")) {
            decoder.decode(sign(KEYS, subject, ChorusTokens.AUDIENCE, clock.instant().plusSeconds(60)));
        }
        clock.set(clock.instant().plus(Duration.ofMinutes(3)));
        String fresh = sign(KEYS, "priya", ChorusTokens.AUDIENCE, clock.instant().plusSeconds(300));

        decoder.decode(fresh);
        decoder.decode(fresh);

        assertThat(fullChecks).hasValue(4);
    }

    @Test
    void theGatewaysReactiveDecoderRemembersTokensToo() {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        nimbus.setJwtValidator(ChorusTokens.validator(ISSUER, ChorusTokens.AUDIENCE, ChorusTokens.MAX_CLOCK_SKEW));
        AtomicInteger checks = new AtomicInteger();
        ReactiveJwtDecoder reactive = token -> Mono.fromCallable(() -> {
            checks.incrementAndGet();
            return nimbus.decode(token);
        });
        ReactiveJwtDecoder cached = ReactiveChorusTokens.cached(reactive,
                ChorusTokens.validator(ISSUER, ChorusTokens.AUDIENCE, ChorusTokens.MAX_CLOCK_SKEW));
        String token = sign(KEYS, "amara", ChorusTokens.AUDIENCE, Instant.now().plusSeconds(300));
        String notForChorus = sign(KEYS, "amara", "account", Instant.now().plusSeconds(300));

        assertThat(cached.decode(token).block().getSubject()).isEqualTo("amara");
        assertThat(cached.decode(token).block().getSubject()).isEqualTo("amara");
        assertThatThrownBy(() -> cached.decode(notForChorus).block()).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> cached.decode(notForChorus).block()).isInstanceOf(JwtValidationException.class);
        assertThat(checks).hasValue(3);
    }

    /** The services' decoder (RS256 only, the Chorus rule), counting the full checks it makes. */
    private JwtDecoder countingDecoder() {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        nimbus.setJwtValidator(rule);
        return token -> {
            fullChecks.incrementAndGet();
            return nimbus.decode(token);
        };
    }

    private static String sign(KeyPair keys, String subject, String audience, Instant expires) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .subject(subject)
                .issueTime(Date.from(expires.minusSeconds(300)))
                .expirationTime(Date.from(expires))
                .claim("typ", "Bearer")
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
