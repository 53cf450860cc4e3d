package org.chorus.commissions.experiment;

import org.chorus.commissions.experiment.Experiment.Status;
import org.chorus.platform.errors.Violations;

/**
 * The command to move an experiment on. It checks itself: an instance always names a status, and
 * carries what was learnt exactly when the move records the learning. Whether the move is allowed
 * depends on the experiment ({@link Experiment#move}).
 *
 * @param etag the experiment's etag as the caller last read it, or null when none was sent
 */
public record ExperimentMove(Status to, String learning, String etag) {

    static final int MAX_LEARNING = 4000;

    /**
     * @param to null when no status was sent
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found
     */
    public static ExperimentMove of(Status to, String learning, String etag) {
        Violations violations = new Violations();
        violations.check(to != null && to != Status.PLANNED, "status",
                "Please say where the experiment moves to: RUNNING, LEARNING_RECORDED, EMBEDDED or STOPPED.");
        if (to == Status.LEARNING_RECORDED) {
            violations.checkText(learning, "learning", "what was learnt", 1, MAX_LEARNING);
        } else {
            violations.check(learning == null || learning.isBlank(), "learning",
                    "What was learnt is written when moving to LEARNING_RECORDED, not with other moves.");
        }
        violations.throwIfAny("INVALID_EXPERIMENT_MOVE", "Some details of the move need fixing.");
        return new ExperimentMove(to, learning == null ? "" : learning.strip(), etag == null || etag.isEmpty() ? null : etag);
    }
}
