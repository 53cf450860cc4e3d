package org.chorus.identity;

import java.time.Clock;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The token rule's cache for a reactive decoder (the gateway's). Kept apart from {@link ChorusTokens} so
 * that services, which have no Reactor on their class path, never load it.
 */
public final class ReactiveChorusTokens {

    private ReactiveChorusTokens() {
    }

    /**
     * {@code decoder}, remembering the tokens it accepts (see {@link ChorusTokens#decoder}): a token seen before
     * is answered without a new signature check while {@code validator} (the one {@code decoder} applies,
     * from {@link ChorusTokens#validator}) still accepts it.
     */
    public static ReactiveJwtDecoder cached(ReactiveJwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        VerifiedTokens verified = new VerifiedTokens(validator, Clock.systemUTC(), VerifiedTokens.DEFAULT_MAX_ENTRIES);
        return token -> {
            Jwt known = verified.recall(token);
            return known != null ? Mono.just(known) : decoder.decode(token).doOnNext(verified::remember);
        };
    }
}
