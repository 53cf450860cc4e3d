package org.chorus.commissions.phase;

import java.util.List;
import java.util.Optional;

/** Where a commission's phases and moves are kept. Every method runs inside the commission's transaction. */
public interface PhaseRepository {

    PhaseModel model();

    /** The model, locked until the transaction ends, so changes to it take turns. */
    PhaseModel lockModel();

    /** Replaces the phases and stores the model's state. */
    void savePhases(PhaseModel model);

    /** Records a move and stores the model's state after it. */
    void saveMove(PhaseTransition transition, PhaseModel after);

    int lastTransitionNumber();

    Optional<PhaseTransition> transition(int number);

    /** Up to {@code limit} transitions numbered after {@code after}, oldest first. */
    List<PhaseTransition> transitionsAfter(int after, int limit);

}
