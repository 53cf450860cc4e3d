package org.chorus.gateway.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.chorus.gateway.context.RequestIds;
import org.chorus.gateway.context.RouteAttributes;
import org.chorus.gateway.context.TraceContext;
import org.chorus.gateway.context.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The first filter of every request: gives it an id (echoed as {@code X-Request-Id}) and the gateway's span
 * ({@link Traces}, continuing the caller's trace), turns any error from further in into a problem (so the
 * status is known when the line is written), writes one access-log line, records the
 * {@code chorus.gateway.requests} timer and ends the span. The line never holds the {@code Authorization}
 * header, the query string or a body.
 * <p>
 * The timer's tags are bounded: {@code route} is the route's path template (never the raw path;
 * {@code none} when no route matched), {@code method}, {@code status} and {@code backend}.
 */
@Component
public class RequestIdAndAccessLogWebFilter implements WebFilter, Ordered {

    private static final Logger ACCESS_LOG = LoggerFactory.getLogger("org.chorus.gateway.access");

    private final ProblemExceptionHandler problems;
    private final MeterRegistry meters;
    private final Traces traces;

    public RequestIdAndAccessLogWebFilter(ProblemExceptionHandler problems, MeterRegistry meters, Traces traces) {
        this.problems = problems;
        this.meters = meters;
        this.traces = traces;
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
        TraceContext trace = traces.start(request.getMethod().name(), request.getHeaders()::getFirst);
        exchange.getAttributes().put(TraceContext.ATTRIBUTE, trace);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
        long start = System.nanoTime();
        return chain.filter(exchange)
                .onErrorResume(error -> problems.handle(exchange, error))
                .doFinally(signal -> finish(exchange, requestId, trace, start, signal.toString()));
    }

    private void finish(ServerWebExchange exchange, String requestId, TraceContext trace, long start, String signal) {
        long nanos = System.nanoTime() - start;
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        int code = "cancel".equals(signal) ? 499 : status == null ? 200 : status.value();
        String template = exchange.getAttributeOrDefault(RouteAttributes.TEMPLATE, "none");
        String backend = exchange.getAttributeOrDefault(RouteAttributes.BACKEND, "none");
        String method = exchange.getRequest().getMethod().name();
        if (!exchange.getRequest().getPath().value().startsWith("/actuator")) {
            Timer.builder("chorus.gateway.requests")
                    .description("Requests answered by the gateway, by route template, method, status and backend")
                    .tag("route", template)
                    .tag("method", method)
                    .tag("status", Integer.toString(code))
                    .tag("backend", backend)
                    .publishPercentileHistogram()
                    .register(meters)
                    .record(nanos, TimeUnit.NANOSECONDS);
        }
        log(exchange, requestId, trace, code, nanos / 1_000_000);
        trace.end(method + " " + exchange.getAttributeOrDefault(RouteAttributes.TEMPLATE, "(no route)"), Integer.toString(code));
    }

    private static void log(ServerWebExchange exchange, String requestId, TraceContext trace, int code, long millis) {
        if (!ACCESS_LOG.isInfoEnabled()) {
            return;
        }
        ServerHttpRequest request = exchange.getRequest();
        String route = exchange.getAttributeOrDefault(RouteAttributes.ROUTE, "");
        String path = request.getPath().value();
        var line = trace.describe(ACCESS_LOG.atInfo(), requestId)
                .addKeyValue("http.request.method", request.getMethod().name())
                .addKeyValue("url.path", path)
                .addKeyValue("http.response.status_code", code)
                .addKeyValue("event.duration_ms", millis);
        if (!route.isEmpty()) {
            line = line.addKeyValue("chorus.route", route);
        }
        line.log("{} {} {} {}ms {}", request.getMethod().name(), path, code, millis, requestId);
    }
}
