package org.chorus.system;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chorus.testrig.RealKeycloak;

/**
 * People's access tokens from the real Keycloak (by password), each fetched again once it is three minutes old:
 * Keycloak's last five, and the long suites run longer than that. Safe to use from many threads.
 */
final class FreshTokens {

    private static final Duration REFETCH_AFTER = Duration.ofMinutes(3);

    private final String password;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    /** An access token and when it was fetched. */
    private record Token(String jwt, long fetchedNanos) {
    }

    FreshTokens(String password) {
        this.password = password;
    }

    /** A token of {@code person} that has at least two minutes left. */
    String of(String person) {
        long now = System.nanoTime();
        return tokens.compute(person, (who, held) -> held != null && now - held.fetchedNanos() < REFETCH_AFTER.toNanos()
                ? held : new Token(RealKeycloak.get().passwordToken(who, password), now)).jwt();
    }

    /** Fetches the next token of {@code person} afresh: a token names the person's roles when it was made. */
    void forget(String person) {
        tokens.remove(person);
    }
}
