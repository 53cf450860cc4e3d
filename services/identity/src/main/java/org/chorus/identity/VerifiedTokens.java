package org.chorus.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens whose RS256 signature has already been checked, so that a caller sending the same token again
 * (every request does, for minutes) does not cost a signature check and a JSON parse each time.
 * <p>
 * Keyed by the whole token text: any other token, even one differing in a single byte of its signature, is
 * a miss and is checked in full. A hit is checked again against the token rule's validator (times with the
 * skew, issuer, audience) before it is trusted, so a remembered token stops working exactly when the rule
 * says it has expired; it is then forgotten. Only tokens the full check accepted, and that carry an expiry,
 * are remembered. Bounded: when full, expired entries are dropped, and if it is still full a new token is
 * simply not remembered (it is checked in full each time, as without the cache).
 */
final class VerifiedTokens {

    /** About 3 kB per token (its text and its claims): a few MB at most. */
    static final int DEFAULT_MAX_ENTRIES = 2_048;

    private final ConcurrentMap<String, Jwt> verified = new ConcurrentHashMap<>();
    private final OAuth2TokenValidator<Jwt> validator;
    private final Clock clock;
    private final int maxEntries;

    VerifiedTokens(OAuth2TokenValidator<Jwt> validator, Clock clock, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("The token cache must hold at least one token: " + maxEntries);
        }
        this.validator = validator;
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    /** The token, decoded, if it was verified before and the rule still accepts it now; else {@code null}. */
    Jwt recall(String token) {
        Jwt jwt = verified.get(token);
        if (jwt == null) {
            return null;
        }
        if (validator.validate(jwt).hasErrors()) {
            verified.remove(token, jwt);
            return null;
        }
        return jwt;
    }

    /** Remembers a token that the full check (signature and rule) has just accepted. */
    void remember(Jwt jwt) {
        if (jwt.getExpiresAt() == null) {
            return;
        }
        if (verified.size() >= maxEntries) {
            Instant longAgo = clock.instant().minus(ChorusTokens.MAX_CLOCK_SKEW);
            verified.values().removeIf(old -> old.getExpiresAt().isBefore(longAgo));
            if (verified.size() >= maxEntries) {
                return;
            }
        }
        verified.put(jwt.getTokenValue(), jwt);
    }

    int size() {
        return verified.size();
    }
}
