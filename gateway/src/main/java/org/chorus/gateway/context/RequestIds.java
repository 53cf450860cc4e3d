package org.chorus.gateway.context;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.web.server.ServerWebExchange;

/** The per-request id: taken from the caller's {@code X-Request-Id} when well-formed, otherwise made here. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

    /** Letters, digits, {@code . _ : -}; 8 to 128 characters, so a UUID or a trace id fits and a log line stays clean. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{7,127}");

    private RequestIds() {
    }

    public static String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    public static String acceptOrCreate(String offered) {
        if (offered != null && WELL_FORMED.matcher(offered).matches()) {
            return offered;
        }
        return newId();
    }

    /**
     * A random (version 4) UUID. Not {@link UUID#randomUUID()}: its {@code SecureRandom} may read the operating
     * system's entropy on an event loop, and a request id needs to be unique, not unguessable.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xf000L) | 0x4000L;
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
