package org.chorus.commissions.events;

import java.util.List;
import org.chorus.commissions.registry.CommissionId;
import org.chorus.identity.Caller;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.stereotype.Service;

/** Reads a commission's event feed from a cursor. */
@Service
public class EventFeedService {

    /** Events read per transaction while streaming: keeps each read short and memory small. */
    public static final int BATCH = 200;

    private final OutboxRepository outbox;
    private final CommissionTransactions transactions;

    public EventFeedService(OutboxRepository outbox, CommissionTransactions transactions) {
        this.outbox = outbox;
        this.transactions = transactions;
    }

    /** The next batch of events after {@code afterSequence}; fewer than {@link #BATCH} means the end for now. */
    public List<StoredEvent> next(Caller caller, CommissionId commission, long afterSequence) {
        if (afterSequence < 0) {
            throw ChorusException.invalid("INVALID_CURSOR", "after_sequence",
                    "The sequence to start after must be 0 or more. Use 0 to start from the first event.");
        }
        return transactions.inCommission(caller, commission.value(), () -> outbox.after(afterSequence, BATCH));
    }
}
