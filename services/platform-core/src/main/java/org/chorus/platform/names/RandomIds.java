package org.chorus.platform.names;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The random part of the ids a service gives what it makes (a session's {@code s-2026-03-14-7f3a9c01d2e4}, a
 * decision's {@code pd-…}, an outcome's {@code oc-…}): 48 bits in 12 hex digits, short enough to read aloud, long
 * enough that ids made in one commission never clash in practice (a million on one day: one clash in about 500
 * years of such days). Fewer bits clashed: the rolling-restart suite's 4,000 sessions on one day met a duplicate key
 * with 24.
 */
public final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    public static String next() {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
