package org.chorus.membership.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import org.chorus.platform.errors.Violations;

/** Small checks shared by the commands: request ids, ids in resource names, fingerprints of requests. */
public final class Requests {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,38}[a-z0-9]");

    /** Says what a good id looks like, in plain words. */
    public static final String ID_RULE = "An id is 3 to 40 characters: lower-case letters, numbers and hyphens. "
            + "It starts with a letter and does not end with a hyphen, for example \"leeds\".";

    private Requests() {
    }

    /** Whether {@code id} is a good commission or organisation id. */
    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The request id as a UUID; null when none was sent; a violation on {@code request_id} when it is not a UUID. */
    public static UUID requestId(String raw, Violations violations) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException notUuid) {
            violations.check(false, "request_id",
                    "The request id must be a UUID, for example 6f1c2a3e-6b7d-4a59-9b8e-2f4d5c6a7b8c.");
            return null;
        }
    }

    /** SHA-256 (hex) of the parts, to tell a true retry from a different request that reuses its request id. */
    public static String fingerprint(String... parts) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
