package org.chorus.commissions.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import org.chorus.platform.errors.Violations;

/**
 * The command to open a commission. It checks itself: an instance always holds a valid request.
 * Field names in violations are the API's, so a person sees the field they sent.
 *
 * @param requestId the caller's idempotency key, or null when none was sent
 */
public record NewCommission(CommissionId id, String displayName, String place, LocalDate startDate, UUID requestId) {

    static final int MAX_NAME = 120;
    static final int MAX_PLACE = 120;

    public NewCommission {
        displayName = displayName == null ? null : displayName.strip();
        place = place == null ? "" : place.strip();
        Objects.requireNonNull(id, "id");
    }

    /**
     * Checks the raw request and builds the command.
     *
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found
     */
    public static NewCommission of(String id, String displayName, String place, LocalDate startDate, String requestId) {
        Violations violations = new Violations();
        if (violations.check(id != null && !id.isBlank(), "commission_id", "Please give the commission an id. " + CommissionId.RULE)) {
            violations.check(CommissionId.isValid(id), "commission_id", CommissionId.RULE);
        }
        violations.checkText(displayName, "commission.display_name", "a name for the commission", 1, MAX_NAME);
        violations.checkText(place, "commission.place", "the place", 0, MAX_PLACE);
        UUID parsedRequestId = null;
        if (requestId != null && !requestId.isEmpty()) {
            try {
                parsedRequestId = UUID.fromString(requestId);
            } catch (IllegalArgumentException notUuid) {
                violations.check(false, "request_id",
                        "The request id must be a UUID, for example 6f1c2a3e-6b7d-4a59-9b8e-2f4d5c6a7b8c.");
            }
        }
        violations.throwIfAny("INVALID_COMMISSION", "Some details of the new commission need fixing.");
        return new NewCommission(new CommissionId(id), displayName, place, startDate, parsedRequestId);
    }

    /**
     * A fingerprint of what is asked for (SHA-256, hex), to tell a true retry from a different
     * request that reuses the request id.
     */
    String fingerprint() {
        String asked = String.join("\u0000", id.value(), displayName, place, String.valueOf(startDate));
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(asked.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
