package org.chorus.reporting.outcome;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The outcomes of the commission whose transaction is open. */
public interface OutcomeRepository {

    void insert(Outcome outcome);

    Optional<Outcome> find(String id);

    /** Locks it until the transaction ends. */
    Optional<Outcome> lock(String id);

    void decide(String id, Outcome.State state, String reason, String decidedBy, Instant time);

    /** A page of outcomes, newest first, after the one with {@code afterTime} and {@code afterId} (null: from the newest). */
    List<Outcome> list(Instant afterTime, String afterId, int limit);

    /** Outcomes approved in {@code [from, to)}, newest first: stories only while their member agrees to share them. */
    List<Outcome> approvedBetween(Instant from, Instant to);

    /** Whether the member agrees to share their story, as the membership feed last said. */
    boolean storyConsentGiven(String member);
}
