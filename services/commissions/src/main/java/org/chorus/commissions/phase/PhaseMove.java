package org.chorus.commissions.phase;

import java.util.Locale;
import java.util.UUID;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.requests.RequestIds;

/**
 * The command to move a commission to another phase. It checks itself: an instance always holds a
 * valid request (whether the move is allowed depends on the phase model; see {@link PhaseModel#plan}).
 *
 * @param etag      the phase model's etag as the caller last read it, or null when none was sent
 * @param requestId the caller's idempotency key, or null when none was sent
 */
public record PhaseMove(String phase, String reason, String etag, UUID requestId) {

    static final int MAX_REASON = 2000;

    /**
     * Checks the raw request and builds the command.
     *
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found
     */
    public static PhaseMove of(String phase, String reason, String etag, String requestId) {
        Violations violations = new Violations();
        violations.checkText(phase, "phase", "the name of the phase to move to", 1, PhaseList.MAX_NAME);
        violations.checkText(reason, "reason", "the reason for this move, in the group's own words", 1, MAX_REASON);
        UUID parsedRequestId = null;
        if (requestId != null && !requestId.isEmpty()) {
            try {
                parsedRequestId = UUID.fromString(requestId);
            } catch (IllegalArgumentException notUuid) {
                violations.check(false, "request_id",
                        "The request id must be a UUID, for example 6f1c2a3e-6b7d-4a59-9b8e-2f4d5c6a7b8c.");
            }
        }
        violations.throwIfAny("INVALID_PHASE_MOVE", "Some details of the move need fixing.");
        return new PhaseMove(phase.strip(), reason.strip(), etag == null || etag.isEmpty() ? null : etag, parsedRequestId);
    }

    /** A fingerprint of what is asked for, to tell a true retry from another request reusing its id. */
    String fingerprint() {
        String asked = "phase.move\u0000" + phase.toLowerCase(Locale.ROOT) + "\u0000" + reason;
        return RequestIds.fingerprint(asked);
    }
}
