package org.chorus.gateway.console;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * When Keycloak cannot be reached, a person who starts to sign in ({@code /oauth2/authorization/…}) or comes back
 * from it ({@code /login/oauth2/code/…}, where the gateway exchanges the code with Keycloak) gets a plain page
 * saying so (503, {@code Retry-After}) instead of a redirect to an address that does not answer or an error page.
 * Before either step Keycloak's reachability is checked ({@link IssuerReachability}, remembered for a few seconds);
 * a code exchange that still fails to reach Keycloak gets the same page.
 */
final class SignInUnavailable implements WebFilter {

    static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>We can't sign you in just now - Chorus</title>
            </head>
            <body>
            <main>
            <h1>We can't sign you in just now</h1>
            <p>We can't sign you in just now. Please try again in a few minutes.</p>
            <p>This is a problem on our side, not something you did. Nothing you have saved is lost.</p>
            <p><a href="/console/sign-in">Go back to the sign-in page</a></p>
            </main>
            </body>
            </html>
            """;
    private static final String RETRY_AFTER_SECONDS = "120";

    private final IssuerReachability keycloak;

    SignInUnavailable(IssuerReachability keycloak) {
        this.keycloak = keycloak;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith("/oauth2/authorization/") && !path.startsWith("/login/oauth2/code/")) {
            return chain.filter(exchange);
        }
        return keycloak.reachable().flatMap(up -> !up ? page(exchange) : chain.filter(exchange)
                .onErrorResume(error -> cannotReachKeycloak(error) && !exchange.getResponse().isCommitted(), error -> page(exchange)));
    }

    /** A connection refused or timed out on the way to Keycloak, as the code exchange's client reports it. */
    static boolean cannotReachKeycloak(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebClientRequestException || cause instanceof ConnectException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Mono<Void> page(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        headers.setCacheControl("no-store");
        DataBuffer body = response.bufferFactory().wrap(PAGE.getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(body));
    }
}
