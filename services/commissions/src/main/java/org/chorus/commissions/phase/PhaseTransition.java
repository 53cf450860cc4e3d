package org.chorus.commissions.phase;

import java.time.Instant;
import java.util.Objects;
import org.chorus.platform.names.CommissionId;

/**
 * A recorded move between phases. Never changed or deleted.
 *
 * @param number     counts the commission's moves from 1
 * @param decidedBy  the sign-in subject of whoever recorded the decision
 */
public record PhaseTransition(int number, String fromPhase, String toPhase, Direction direction, String reason,
                              String decidedBy, Instant moveTime) {

    /** Which way a move went. */
    public enum Direction { FORWARD, BACK }

    public PhaseTransition {
        Objects.requireNonNull(fromPhase, "fromPhase");
        Objects.requireNonNull(toPhase, "toPhase");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(moveTime, "moveTime");
    }

    public String resourceName(CommissionId commission) {
        return commission.resourceName() + "/phaseTransitions/" + number;
    }
}
