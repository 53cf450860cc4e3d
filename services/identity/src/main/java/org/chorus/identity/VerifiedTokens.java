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
 * a miss and is checked in full. The rule's checks other than times (issuer, audience, kind) read only the
 * token's text, so they answer the same every time. Its times are trusted without asking the rule while the
 * clock is between the token's {@code nbf} and {@code exp}, which every skew the rule allows accepts. Outside
 * them, a hit is checked again against the whole rule before it is trusted, so a remembered token stops working
 * exactly when the rule says it has expired; it is then forgotten. Only tokens the full check accepted, and that
 * carry an expiry, are remembered. Bounded: when full, expired entries are dropped, and if it is still full a new
 * token is simply not remembered (it is checked in full each time, as without the cache).
 */
final class VerifiedTokens {

    /** About 3 kB per token (its text and its claims): a few MB at most. */
    static final int DEFAULT_MAX_ENTRIES = 2_048;

    private final ConcurrentMap<String, Entry> verified = new ConcurrentHashMap<>();
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
        Entry entry = verified.get(token);
        if (entry == null) {
            return null;
        }
        Instant now = clock.instant();
        boolean withinItsTimes = !now.isBefore(entry.notBefore()) && !now.isAfter(entry.expiresAt());
        if (!withinItsTimes && validator.validate(entry.jwt()).hasErrors()) {
            verified.remove(token, entry);
            return null;
        }
        return entry.jwt();
    }

    /** Remembers a token that the full check (signature and rule) has just accepted. */
    void remember(Jwt jwt) {
        if (jwt.getExpiresAt() == null) {
            return;
        }
        if (verified.size() >= maxEntries) {
            Instant longAgo = clock.instant().minus(ChorusTokens.MAX_CLOCK_SKEW);
            verified.values().removeIf(old -> old.expiresAt().isBefore(longAgo));
            if (verified.size() >= maxEntries) {
                return;
            }
        }
        Instant notBefore = jwt.getNotBefore() == null ? Instant.MIN : jwt.getNotBefore();
        verified.put(jwt.getTokenValue(), new Entry(jwt, notBefore, jwt.getExpiresAt()));
    }

    /** A verified token and its times, read once ({@code notBefore} is {@link Instant#MIN} when it has none). */
    private record Entry(Jwt jwt, Instant notBefore, Instant expiresAt) {
    }

    int size() {
        return verified.size();
    }
}
