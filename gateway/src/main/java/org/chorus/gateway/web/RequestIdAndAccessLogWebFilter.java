package org.chorus.gateway.web;

import org.chorus.gateway.transcoding.TranscodingHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The first filter of every request: gives it an id (echoed as {@code X-Request-Id}), turns any error
 * from further in into a problem (so the status is known when the line is written), and writes one
 * access-log line. The line never holds the {@code Authorization} header, the query string or a body.
 */
@Component
public class RequestIdAndAccessLogWebFilter implements WebFilter, Ordered {

    private static final Logger ACCESS_LOG = LoggerFactory.getLogger("org.chorus.gateway.access");

    private final ProblemExceptionHandler problems;

    public RequestIdAndAccessLogWebFilter(ProblemExceptionHandler problems) {
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String requestId = RequestIds.acceptOrCreate(request.getHeaders().getFirst(RequestIds.HEADER));
        exchange.getAttributes().put(RequestIds.ATTRIBUTE, requestId);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
        long start = System.nanoTime();
        return chain.filter(exchange)
                .onErrorResume(error -> problems.handle(exchange, error))
                .doFinally(signal -> log(exchange, requestId, start, signal.toString()));
    }

    private static void log(ServerWebExchange exchange, String requestId, long start, String signal) {
        if (!ACCESS_LOG.isInfoEnabled()) {
            return;
        }
        ServerHttpRequest request = exchange.getRequest();
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        int code = "cancel".equals(signal) ? 499 : status == null ? 200 : status.value();
        long millis = (System.nanoTime() - start) / 1_000_000;
        String route = exchange.getAttributeOrDefault(TranscodingHandler.ROUTE_ATTRIBUTE, "");
        String path = request.getPath().value();
        var line = ACCESS_LOG.atInfo()
                .addKeyValue("http.request.method", request.getMethod().name())
                .addKeyValue("url.path", path)
                .addKeyValue("http.response.status_code", code)
                .addKeyValue("event.duration_ms", millis)
                .addKeyValue("http.request.id", requestId);
        if (!route.isEmpty()) {
            line = line.addKeyValue("chorus.route", route);
        }
        line.log("{} {} {} {}ms {}", request.getMethod().name(), path, code, millis, requestId);
    }
}
