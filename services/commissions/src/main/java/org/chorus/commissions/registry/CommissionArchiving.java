package org.chorus.commissions.registry;

import java.util.Objects;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.names.CommissionId;

/**
 * The command to archive a commission. It checks itself: an instance always holds a valid request.
 *
 * @param etag the etag the caller last read, or null when none was sent
 */
public record CommissionArchiving(CommissionId id, String etag, String reason) {

    static final int MAX_REASON = 2000;

    public CommissionArchiving {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Checks the raw request and builds the command.
     *
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found
     */
    public static CommissionArchiving of(CommissionId id, String etag, String reason) {
        String stripped = reason == null ? "" : reason.strip();
        Violations violations = new Violations();
        violations.checkText(stripped, "reason", "why the commission is being archived", 1, MAX_REASON);
        violations.throwIfAny("INVALID_ARCHIVE", "Please say why the commission is being archived.");
        return new CommissionArchiving(id, etag == null || etag.isEmpty() ? null : etag, stripped);
    }
}
