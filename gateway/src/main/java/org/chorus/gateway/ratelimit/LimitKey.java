package org.chorus.gateway.ratelimit;

/**
 * What SCG's {@code RequestRateLimiter} counts a request against, as the one string its {@code KeyResolver}
 * gives: the caller (the token's {@code sub}), the commission the request names, and the route template (for
 * the rejections metric). Either of the first two may be missing, not both.
 */
public record LimitKey(String caller, String commission, String route) {

    /** Not in a token's subject, a commission id or a path template. */
    private static final char SEPARATOR = '\u001f';

    public String encode() {
        return part(caller) + SEPARATOR + part(commission) + SEPARATOR + part(route);
    }

    public static LimitKey decode(String key) {
        int first = key.indexOf(SEPARATOR);
        int second = key.indexOf(SEPARATOR, first + 1);
        if (first < 0 || second < 0) {
            throw new IllegalArgumentException("Not a rate-limit key");
        }
        return new LimitKey(orNull(key.substring(0, first)), orNull(key.substring(first + 1, second)), key.substring(second + 1));
    }

    private static String part(String value) {
        return value == null ? "" : value.replace(SEPARATOR, ' ');
    }

    private static String orNull(String part) {
        return part.isEmpty() ? null : part;
    }
}
