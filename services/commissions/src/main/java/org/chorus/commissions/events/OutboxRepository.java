package org.chorus.commissions.events;

import java.util.List;

/**
 * A commission's outbox. Both methods run inside the commission's transaction
 * ({@code CommissionTransactions.inCommission}), which decides whose outbox it is.
 */
public interface OutboxRepository {

    /**
     * Adds an event with the next sequence. Holds the commission's outbox lock until the
     * transaction ends, so sequences become visible in order and none is skipped.
     *
     * @return the event's sequence
     */
    long append(NewEvent event);

    /** Up to {@code limit} events with a sequence after {@code afterSequence}, in order. */
    List<StoredEvent> after(long afterSequence, int limit);
}
