package org.chorus.commissions.decision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where a commission's practical decisions are kept. Every method runs inside the commission's transaction. */
public interface PracticalDecisionRepository {

    void insert(PracticalDecision decision);

    /** Stores a changed decision. */
    void update(PracticalDecision decision);

    Optional<PracticalDecision> find(String id);

    /** The decision, locked until the transaction ends, so changes to it take turns. */
    Optional<PracticalDecision> lock(String id);

    /**
     * Up to {@code limit} decisions, oldest first, only about {@code topic} when not null, after the
     * one recorded at {@code afterTime} with id {@code afterId} (both null: from the first).
     */
    List<PracticalDecision> list(PracticalDecision.Topic topic, Instant afterTime, String afterId, int limit);
}
