package org.chorus.gateway.context;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;

/**
 * Starts the gateway's span of a request, from the caller's trace headers. A {@code traceparent} that is malformed,
 * oversized or all zeros is ignored (OpenTelemetry's W3C propagator reads it, never failing) and a new trace starts.
 */
@Component
public final class Traces {

    private final Propagator propagator;

    public Traces(Propagator propagator) {
        this.propagator = propagator;
    }

    /** @param header the request's header of that name, or {@code null} */
    public TraceContext start(String name, UnaryOperator<String> header) {
        Span span = propagator.extract(header, UnaryOperator::apply).name(name).kind(Span.Kind.SERVER).start();
        return new TraceContext(span, propagator);
    }
}
