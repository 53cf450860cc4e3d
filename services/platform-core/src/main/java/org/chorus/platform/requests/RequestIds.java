package org.chorus.platform.requests;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.Violations;

/** The {@code request_id} of a creating or money-moving call (aip.dev/155), and fingerprints of requests. */
public final class RequestIds {

    private RequestIds() {
    }

    /**
     * The request id as sent: null when none was, else a UUID.
     *
     * @throws ChorusException INVALID_ARGUMENT ({@code INVALID_REQUEST_ID}) on {@code request_id} when it is not a UUID
     */
    public static UUID requestId(String sent) {
        if (sent == null || sent.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(sent);
        } catch (IllegalArgumentException notUuid) {
            throw ChorusException.invalid("INVALID_REQUEST_ID", "request_id",
                    "The request id must be a UUID, for example 6f1c2a3e-6b7d-4a59-9b8e-2f4d5c6a7b8c.");
        }
    }

    /**
     * The request id as sent, for a command that lists every problem at once: null when none was
     * sent, or when it is not a UUID (then {@code violations} says so, on {@code request_id}).
     */
    public static UUID requestId(String sent, Violations violations) {
        try {
            return requestId(sent);
        } catch (ChorusException notUuid) {
            notUuid.violations().forEach(v -> violations.check(false, v.field(), v.description()));
            return null;
        }
    }

    /** SHA-256 (hex) of the parts, to tell a true retry from a different request that reuses its id. */
    public static String fingerprint(String... parts) {
        return fingerprint(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 (hex) of the bytes: a request as sent, receipts and all, without copying it into text first. */
    public static String fingerprint(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
