package org.chorus.gateway.context;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;
import java.util.function.BiConsumer;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway's span of one request (Micrometer Tracing over OpenTelemetry, started by {@link Traces}): it
 * continues the caller's W3C {@code traceparent} when that is well-formed, and the services receive this span as
 * their parent, so one trace runs from the gateway through the service to its SQL. Its trace and span ids go
 * into the gateway's log lines about the request.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    public static final String ATTRIBUTE = TraceContext.class.getName();

    private final Span span;
    private final Propagator propagator;

    TraceContext(Span span, Propagator propagator) {
        this.span = span;
        this.propagator = propagator;
    }

    public String traceId() {
        return span.context().traceId();
    }

    public String spanId() {
        return span.context().spanId();
    }

    /** Each header that carries this span to a service as the parent of its own ({@code traceparent}, {@code tracestate}). */
    public void forEachHeader(BiConsumer<String, String> header) {
        propagator.inject(span.context(), header, BiConsumer::accept);
    }

    /** Ends the span, named by what the request turned out to be (its route or RPC) and how it ended. */
    public void end(String name, String outcome) {
        span.name(name).tag("outcome", outcome).end();
    }

    /** Adds the request's trace, span and request ids to a log line. */
    public LoggingEventBuilder describe(LoggingEventBuilder line, String requestId) {
        return line.addKeyValue("trace.id", traceId()).addKeyValue("span.id", spanId()).addKeyValue("http.request.id", requestId);
    }

    public static TraceContext of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
