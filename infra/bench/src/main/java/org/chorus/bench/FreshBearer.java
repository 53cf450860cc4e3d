package org.chorus.bench;

import java.time.Duration;
import java.util.function.Supplier;
import org.chorus.launcher.Tokens;

/**
 * {@code Bearer <token>} for one person, signed in again when the token is three minutes old: Keycloak's tokens last five
 * minutes, and a run with long warm-ups lasts longer than that (a token kept from the start answered 401 in the middle).
 */
final class FreshBearer implements Supplier<String> {

    private static final long RENEW_AFTER_NANOS = Duration.ofMinutes(3).toNanos();

    private final Tokens tokens;
    private final String person;
    private final String password;
    private volatile Taken taken;

    FreshBearer(Tokens tokens, String person, String password) {
        this.tokens = tokens;
        this.person = person;
        this.password = password;
    }

    @Override
    public String get() {
        Taken now = taken;
        if (now == null || now.stale()) {
            synchronized (this) {
                now = taken;
                if (now == null || now.stale()) {
                    now = new Taken("Bearer " + tokens.password(person, password), System.nanoTime());
                    taken = now;
                }
            }
        }
        return now.bearer();
    }

    private record Taken(String bearer, long nanos) {
        boolean stale() {
            return System.nanoTime() - nanos > RENEW_AFTER_NANOS;
        }
    }
}
