package org.chorus.commissions.experiment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where a commission's experiments are kept. Every method runs inside the commission's transaction. */
public interface ExperimentRepository {

    void insert(Experiment experiment);

    void update(Experiment experiment);

    Optional<Experiment> find(String id);

    /** The experiment, locked until the transaction ends, so moves take turns. */
    Optional<Experiment> lock(String id);

    /** Up to {@code limit} experiments oldest first, only with {@code status} when not null, after the one created at {@code afterTime} with {@code afterId}. */
    List<Experiment> list(Experiment.Status status, Instant afterTime, String afterId, int limit);

}
