package org.chorus.gateway.console;

import java.time.Duration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Whether Keycloak answers just now: its realm's discovery document read with a short timeout, the answer
 * remembered for a few seconds, so that a burst of sign-ins asks once and a Keycloak that is down costs a person
 * at most the timeout. Asked only when someone starts to sign in, never for the API (tokens are checked with keys
 * the gateway already holds).
 */
final class IssuerReachability {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final Duration REMEMBERED = Duration.ofSeconds(5);

    private final Mono<Boolean> reachable;

    IssuerReachability(WebClient client, String issuer) {
        this(client.get().uri(issuer + "/.well-known/openid-configuration")
                .retrieve()
                .toBodilessEntity()
                .map(answered -> true)
                .timeout(TIMEOUT)
                .onErrorReturn(false));
    }

    /** {@code check} asked at most once per {@link #REMEMBERED}. */
    IssuerReachability(Mono<Boolean> check) {
        this.reachable = check.cache(REMEMBERED);
    }

    /** Emits {@code true} when Keycloak answered (now or a few seconds ago), else {@code false}; never an error. */
    Mono<Boolean> reachable() {
        return reachable;
    }
}
