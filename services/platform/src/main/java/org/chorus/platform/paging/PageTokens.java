package org.chorus.platform.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

    private static ChorusException invalidToken() {
        return ChorusException.invalid("INVALID_PAGE_TOKEN", "page_token",
                "This page token does not belong to this list. Start again from the first page, "
                        + "and send the same filters with each page.");
    }
}
