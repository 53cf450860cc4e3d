package org.chorus.commissions.experiment;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.names.CommissionId;

/**
 * A small test of change. The rules live here: planned → running → learning recorded → embedded or
 * stopped, only those moves; what was learnt is written when the learning is recorded, so it is
 * there before an experiment is embedded or stopped. Nothing is deleted: a stopped experiment is kept.
 *
 * @param version increases by one with every change; the etag is made from it
 */
public record Experiment(String id, String title, String hypothesis, String change, String lead, Status status,
                         String learning, String createdBy, Instant createTime, Instant updateTime, long version) {

    /** Where an experiment stands. */
    public enum Status { PLANNED, RUNNING, LEARNING_RECORDED, EMBEDDED, STOPPED }

    /** The only moves. */
    static final Map<Status, Set<Status>> NEXT = Map.of(
            Status.PLANNED, Set.of(Status.RUNNING),
            Status.RUNNING, Set.of(Status.LEARNING_RECORDED),
            Status.LEARNING_RECORDED, Set.of(Status.EMBEDDED, Status.STOPPED),
            Status.EMBEDDED, Set.of(),
            Status.STOPPED, Set.of());

    public Experiment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(learning, "learning");
        if (learning.isEmpty() && status != Status.PLANNED && status != Status.RUNNING) {
            throw new IllegalArgumentException("An experiment past running has its learning written down");
        }
    }

    /** A newly planned experiment. */
    public static Experiment plan(String id, ExperimentPlan plan, String by, Instant now) {
        return new Experiment(id, plan.title(), plan.hypothesis(), plan.change(), plan.lead(), Status.PLANNED, "", by, now, now, 1);
    }

    /**
     * This experiment after {@code move}.
     *
     * @throws ChorusException ABORTED on a stale etag; FAILED_PRECONDITION for a move that is not allowed
     */
    public Experiment move(ExperimentMove move, Instant now) {
        if (move.etag() != null && !move.etag().equals(etag())) {
            throw ChorusException.aborted("STALE_ETAG", "Someone else changed this experiment since you last looked. "
                    + "Please look again, then try once more.");
        }
        if (!NEXT.get(status).contains(move.to())) {
            throw ChorusException.failedPrecondition("INVALID_STATUS_MOVE", "An experiment that is " + words(status)
                    + " cannot become " + words(move.to()) + ". " + whatNext());
        }
        String learnt = move.to() == Status.LEARNING_RECORDED ? move.learning() : learning;
        return new Experiment(id, title, hypothesis, change, lead, move.to(), learnt, createdBy, createTime, now, version + 1);
    }

    private String whatNext() {
        return switch (status) {
            case PLANNED -> "Start it first: move it to RUNNING.";
            case RUNNING -> "Write down what was learnt first: move it to LEARNING_RECORDED.";
            case LEARNING_RECORDED -> "It can now be EMBEDDED or STOPPED.";
            case EMBEDDED, STOPPED -> "It has ended and is kept as it is.";
        };
    }

    private static String words(Status status) {
        return switch (status) {
            case PLANNED -> "planned";
            case RUNNING -> "running";
            case LEARNING_RECORDED -> "waiting with its learning recorded";
            case EMBEDDED -> "embedded";
            case STOPPED -> "stopped";
        };
    }

    public String resourceName(CommissionId commission) {
        return commission.resourceName() + "/experiments/" + id;
    }

    /** An opaque tag of this version, for optimistic concurrency. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
