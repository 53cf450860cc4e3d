package org.chorus.gateway.context;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.web.server.ServerWebExchange;

/**
 * W3C Trace Context for one request: the caller's {@code traceparent} is accepted when well-formed (else a
 * new trace is started), the gateway takes a span id of its own, and the services receive
 * {@code traceparent = 00-<trace id>-<gateway span id>-<flags>} plus the caller's {@code tracestate}.
 * The gateway records no spans itself (no tracer is wired); the trace id goes into the access log so a
 * request can be followed into the services' logs.
 *
 * @param traceId    32 lower-case hex digits, not all zero
 * @param spanId     the gateway's own span id: 16 lower-case hex digits
 * @param flags      2 hex digits ({@code 01}: sampled)
 * @param tracestate the caller's {@code tracestate}, or {@code null}
 */
public record TraceContext(String traceId, String spanId, String flags, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    public static final String ATTRIBUTE = TraceContext.class.getName();

    private static final Pattern TRACEPARENT_PATTERN = Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
    private static final Pattern TRACESTATE_PATTERN = Pattern.compile("[\\x20-\\x7e]{1,512}");

    /** Continues the caller's trace, or starts one (sampled) when there is none or it is malformed. */
    public static TraceContext acceptOrStart(String traceparent, String tracestate) {
        if (traceparent != null) {
            var m = TRACEPARENT_PATTERN.matcher(traceparent.trim());
            // Version ff is invalid; version 00 has nothing after the flags; ids of all zeros are invalid.
            if (m.matches() && !"ff".equals(m.group(1)) && !("00".equals(m.group(1)) && m.group(5) != null)
                    && !m.group(2).matches("0+") && !m.group(3).matches("0+")) {
                String state = tracestate != null && TRACESTATE_PATTERN.matcher(tracestate).matches() ? tracestate : null;
                return new TraceContext(m.group(2), newSpanId(), m.group(4), state);
            }
        }
        byte[] traceId = new byte[16];
        ThreadLocalRandom.current().nextBytes(traceId);
        traceId[0] |= 1;
        return new TraceContext(HexFormat.of().formatHex(traceId), newSpanId(), "01", null);
    }

    private static String newSpanId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return HexFormat.of().toHexDigits(id);
    }

    /** The {@code traceparent} to send on: the gateway's span as the parent. */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    public static TraceContext of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
