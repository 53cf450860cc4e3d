package org.chorus.gateway.console;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway's session cookie stays with the gateway: the console gets the person's access token (TokenRelay) and
 * its own cookies, never the key to the gateway's session. SCG has no filter that removes one cookie; its
 * {@code RemoveRequestHeader} would take the console's own CSRF cookie too.
 */
final class DropGatewaySessionCookie implements GatewayFilter {

    private final String sessionCookie;

    DropGatewaySessionCookie(String sessionCookie) {
        this.sessionCookie = sessionCookie;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        List<String> cookies = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.COOKIE);
        if (cookies.isEmpty()) {
            return chain.filter(exchange);
        }
        String kept = withoutSessionCookie(cookies);
        return chain.filter(exchange.mutate().request(request -> request.headers(headers -> {
            headers.remove(HttpHeaders.COOKIE);
            if (!kept.isEmpty()) {
                headers.set(HttpHeaders.COOKIE, kept);
            }
        })).build());
    }

    /** The {@code Cookie} header's pairs, without the gateway's session's. */
    String withoutSessionCookie(List<String> cookieHeaders) {
        String prefix = sessionCookie + "=";
        return cookieHeaders.stream()
                .flatMap(header -> List.of(header.split(";")).stream())
                .map(String::strip)
                .filter(pair -> !pair.isEmpty() && !pair.startsWith(prefix))
                .collect(Collectors.joining("; "));
    }
}
