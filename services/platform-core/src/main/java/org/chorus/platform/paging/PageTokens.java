package org.chorus.platform.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.chorus.contract.ContractRules;
import org.chorus.platform.errors.ChorusException;

/**
 * Page sizes and opaque page tokens for every List method (aip.dev/158). A token carries the key of
 * the last item returned and a fingerprint of the request's other fields, so a token cannot be
 * replayed against a different filter.
 */
public final class PageTokens {

    private static final String VERSION = "1";

    private PageTokens() {
    }

    /**
     * The page size to use: {@code requested}, or {@code defaultSize} when it is zero.
     *
     * @throws ChorusException INVALID_ARGUMENT when it is negative or over {@code max}
     */
    public static int pageSize(int requested, int defaultSize, int max) {
        if (requested < 0 || requested > max) {
            throw ChorusException.invalid("INVALID_PAGE_SIZE", "page_size",
                    "The page size must be between 1 and " + max + ", or 0 for the usual " + defaultSize + ".");
        }
        return requested == 0 ? defaultSize : requested;
    }

    /** A token for the page after the item with key {@code lastKey}. */
    public static String next(String lastKey, String fingerprint) {
        String raw = VERSION + "\n" + fingerprint + "\n" + lastKey;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key after which the page starts: empty for the first page.
     *
     * @throws ChorusException INVALID_ARGUMENT when the token is not one we gave for this request
     */
    public static String after(String token, String fingerprint) {
        if (token == null || token.isEmpty()) {
            return "";
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", 3);
        } catch (IllegalArgumentException notBase64) {
            throw invalidToken();
        }
        if (parts.length != 3 || !parts[0].equals(VERSION) || !parts[1].equals(fingerprint) || parts[2].isEmpty()) {
            throw invalidToken();
        }
        return parts[2];
    }

    /** One page of a list, and the token for the next ({@code ""} on the last page). */
    public record Page<T>(List<T> items, String nextPageToken) {
    }

    /**
     * One page of a list kept in the order of a key, the same way for every List method: reads one
     * item more than the page holds, after the key the token carries (or from the start), and makes
     * the next token from the key of the page's last item.
     *
     * @param pageSize    as asked ({@code 0}: {@code defaultSize}; at most {@link ContractRules#MAX_PAGE_SIZE})
     * @param fingerprint the request's other fields, so that a token only works for the list it came from
     * @param keyOf       an item's key, as {@code read} will be given it back
     * @param read        reads up to {@code limit} items after {@code key} ({@code ""}: from the start)
     * @throws ChorusException INVALID_ARGUMENT for a bad page size or a token not given for this list
     */
    public static <T> Page<T> page(int pageSize, int defaultSize, String pageToken, String fingerprint,
                                   Function<T, String> keyOf, BiFunction<String, Integer, List<T>> read) {
        int size = pageSize(pageSize, defaultSize, ContractRules.MAX_PAGE_SIZE);
        List<T> found = read.apply(after(pageToken, fingerprint), size + 1);
        if (found.size() <= size) {
            return new Page<>(found, "");
        }
        List<T> page = found.subList(0, size);
        return new Page<>(page, next(keyOf.apply(page.getLast()), fingerprint));
    }

    /** The key of most lists: a time, then an id for items of the same time. */
    public record TimeAndId(Instant time, String id) {

        public static String key(Instant time, String id) {
            return time + "|" + id;
        }

        /**
         * The key {@link #key} made, or {@code null} for the first page ({@code ""}).
         *
         * @throws ChorusException INVALID_ARGUMENT when it is not one
         */
        public static TimeAndId of(String key) {
            if (key.isEmpty()) {
                return null;
            }
            int bar = key.indexOf('|');
            try {
                return new TimeAndId(Instant.parse(key.substring(0, bar)), key.substring(bar + 1));
            } catch (DateTimeParseException | IndexOutOfBoundsException forged) {
                throw invalidToken();
            }
        }
    }

    /**
     * A key that is a whole number, or {@code whenFirst} for the first page ({@code ""}).
     *
     * @throws ChorusException INVALID_ARGUMENT when it is not one
     */
    public static int number(String key, int whenFirst) {
        try {
            return key.isEmpty() ? whenFirst : Integer.parseInt(key);
        } catch (NumberFormatException forged) {
            throw invalidToken();
        }
    }

    /**
     * An id in a key (a UUID).
     *
     * @throws ChorusException INVALID_ARGUMENT when it is not one: the token was not given out by the list
     */
    public static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException forged) {
            throw invalidToken();
        }
    }

    /** INVALID_ARGUMENT on {@code page_token}: the token was not given for this list (for a key a list parses itself). */
    public static ChorusException invalidToken() {
        return ChorusException.invalid("INVALID_PAGE_TOKEN", "page_token",
                "This page token does not belong to this list. Start again from the first page, "
                        + "and send the same filters with each page.");
    }
}
