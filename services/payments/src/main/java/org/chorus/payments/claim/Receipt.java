package org.chorus.payments.claim;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.chorus.platform.errors.Violations;

/**
 * A receipt for a cost, as sent: a photo or a scan, whose content must be what its type says.
 *
 * @param number 1, 2 or 3: its place among the claim's receipts
 */
public record Receipt(int number, String contentType, byte[] content) {

    public static final int MOST_PER_CLAIM = 3;
    public static final int MOST_BYTES = 2 * 1024 * 1024;

    /** What a receipt is, by the first bytes of its content. */
    private static final Map<String, List<byte[]>> SIGNATURES = Map.of(
            "image/jpeg", List.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
            "image/png", List.of(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
            "image/webp", List.of(new byte[] {'R', 'I', 'F', 'F'}),
            "application/pdf", List.of(new byte[] {'%', 'P', 'D', 'F', '-'}));

    /** A receipt as kept: what it is and how big, without its content. */
    public record Kept(int number, String contentType, long sizeBytes) {
    }

    /**
     * The receipt as sent, if it is one: a photo (JPEG, PNG or WebP) or a PDF of at most {@link #MOST_BYTES}, its
     * content matching its type; otherwise {@code violations} says what to fix, on {@code field}.
     */
    public static Receipt of(int number, String contentType, byte[] content, String field, Violations violations) {
        List<byte[]> signatures = SIGNATURES.get(contentType);
        if (!violations.check(signatures != null, field + ".content_type",
                "A receipt is a photo (JPEG, PNG or WebP) or a PDF: say which, as image/jpeg, image/png, image/webp or application/pdf.")) {
            return null;
        }
        if (!violations.check(content.length > 0 && content.length <= MOST_BYTES, field + ".content",
                "A receipt can be up to 2 MB. Take the photo again at a smaller size, or scan it as a PDF.")) {
            return null;
        }
        boolean matches = signatures.stream().anyMatch(signature -> startsWith(content, signature))
                && (!contentType.equals("image/webp") || content.length > 12 && Arrays.equals(content, 8, 12, new byte[] {'W', 'E', 'B', 'P'}, 0, 4));
        violations.check(matches, field + ".content", "This file is not a " + contentType + ". Send the photo or PDF of the receipt itself.");
        return matches ? new Receipt(number, contentType, content) : null;
    }

    public Kept kept() {
        return new Kept(number, contentType, content.length);
    }

    private static boolean startsWith(byte[] content, byte[] signature) {
        return content.length >= signature.length && Arrays.equals(content, 0, signature.length, signature, 0, signature.length);
    }
}
