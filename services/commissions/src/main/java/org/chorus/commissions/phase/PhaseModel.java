package org.chorus.commissions.phase;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.chorus.commissions.phase.PhaseTransition.Direction;
import org.chorus.platform.errors.ChorusException;

/**
 * A commission's phases and the one it is in now. The rules of moving live here: one phase at a
 * time forward, back to any earlier phase, never in place; phases fixed once the commission has moved.
 *
 * @param currentPosition the current phase's place in {@code phases}, from 1
 * @param phasesFixed     true once the commission has moved at least once
 * @param version         increases by one with every change; the etag is made from it
 */
public record PhaseModel(List<Phase> phases, int currentPosition, boolean phasesFixed, long version, Instant updateTime) {

    public PhaseModel {
        phases = List.copyOf(phases);
        if (currentPosition < 1 || currentPosition > phases.size()) {
            throw new IllegalArgumentException("The current phase must be one of the phases: " + currentPosition);
        }
        Objects.requireNonNull(updateTime, "updateTime");
    }

    public Phase current() {
        return phases.get(currentPosition - 1);
    }

    /** An opaque tag of this version, for optimistic concurrency. */
    public String etag() {
        return "\"" + version + "\"";
    }

    /** @throws ChorusException ABORTED when {@code etag} is given and is not this version's */
    public void checkEtag(String etag) {
        if (etag != null && !etag.equals(etag())) {
            throw ChorusException.aborted("STALE_ETAG", "Someone else changed the phases or moved the commission "
                    + "since you last looked. Please look again, then try once more.");
        }
    }

    /**
     * The same model with other phases; the commission is in the first of them.
     *
     * @throws ChorusException FAILED_PRECONDITION once the commission has moved
     */
    public PhaseModel withPhases(PhaseList replacement, Instant now) {
        if (phasesFixed) {
            throw ChorusException.failedPrecondition("PHASES_FIXED", "The phases cannot be changed now, because the "
                    + "commission has already moved on from its first phase. Keeping them the same keeps its history clear.");
        }
        return new PhaseModel(replacement.phases(), 1, false, version + 1, now);
    }

    /**
     * Where a move to {@code target} would go, if it is allowed.
     *
     * @throws ChorusException INVALID_ARGUMENT when there is no such phase; FAILED_PRECONDITION when
     *                         the commission is already there, or the move would skip a phase
     */
    public Move plan(String target) {
        int to = positionOf(target);
        if (to == 0) {
            throw ChorusException.invalid("UNKNOWN_PHASE", "phase", "This commission has no phase called \"" + target.strip()
                    + "\". Its phases are: " + String.join(", ", phases.stream().map(Phase::displayName).toList()) + ".");
        }
        if (to == currentPosition) {
            throw ChorusException.failedPrecondition("ALREADY_IN_PHASE",
                    "The commission is already in the " + current().displayName() + " phase.");
        }
        if (to > currentPosition + 1) {
            Phase next = phases.get(currentPosition);
            throw ChorusException.failedPrecondition("PHASE_SKIPPED", "Phases cannot be skipped. The commission is in "
                    + current().displayName() + ", so the next phase is " + next.displayName() + ". Move to "
                    + next.displayName() + " first.");
        }
        return new Move(current(), phases.get(to - 1), to, to > currentPosition ? Direction.FORWARD : Direction.BACK);
    }

    /** The model after {@code move}. */
    public PhaseModel after(Move move, Instant now) {
        return new PhaseModel(phases, move.toPosition(), true, version + 1, now);
    }

    private int positionOf(String name) {
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).isCalled(name)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** An allowed move, not yet recorded. */
    public record Move(Phase from, Phase to, int toPosition, Direction direction) {
    }
}
