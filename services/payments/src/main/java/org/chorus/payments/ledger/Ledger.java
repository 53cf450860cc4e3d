package org.chorus.payments.ledger;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.chorus.platform.errors.ChorusException;

/**
 * Posting to a commission's ledger, inside the commission's transaction: one transfer per id (the
 * same id and movement again returns the first; the same id for another movement is refused), and
 * corrections as reversals (each transfer reversed at most once; a reversal never reversed).
 */
public final class Ledger {

    private final LedgerRepository ledger;
    private final Clock clock;

    public Ledger(LedgerRepository ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Moves {@code amount} from {@code debit} to {@code credit}.
     *
     * @throws ChorusException INVALID_ARGUMENT ({@code TRANSFER_ID_REUSED}) when the id was used for another movement
     */
    public Transfer post(UUID id, Account debit, Account credit, long amount, String kind, String reference) {
        return add(new Transfer(id, debit, credit, amount, kind, reference, null, clock.instant().truncatedTo(ChronoUnit.MICROS)));
    }

    /**
     * Undoes a transfer by moving the same amount back, under {@code id}.
     *
     * @throws ChorusException NOT_FOUND when there is no such transfer; FAILED_PRECONDITION
     *                         ({@code REVERSAL_OF_REVERSAL}) for a reversal, ({@code ALREADY_REVERSED}) when another
     *                         transfer reversed it already
     */
    public Transfer reverse(UUID original, UUID id, String reference) {
        Transfer undone = ledger.find(original).orElseThrow(() -> ChorusException.notFound("TRANSFER_NOT_FOUND",
                "There is no such transfer in this commission's ledger."));
        if (undone.reverses() != null) {
            throw ChorusException.failedPrecondition("REVERSAL_OF_REVERSAL",
                    "This transfer is itself a correction, and a correction is never undone. Post a new transfer instead.");
        }
        var earlier = ledger.reversalOf(original);
        if (earlier.isPresent() && !earlier.get().id().equals(id)) {
            throw ChorusException.failedPrecondition("ALREADY_REVERSED", "This transfer was corrected already.");
        }
        return add(new Transfer(id, undone.credit(), undone.debit(), undone.amount(), "REVERSAL", reference, original,
                clock.instant().truncatedTo(ChronoUnit.MICROS)));
    }

    /** Credits minus debits of the account. */
    public long balance(Account account) {
        return ledger.balance(account.id());
    }

    /** Up to {@code limit} transfers to or from the account, newest first, before {@code beforeId} (null: the newest). */
    public List<Transfer> statement(Account account, UUID beforeId, int limit) {
        return ledger.statement(account.id(), beforeId, limit);
    }

    /** The sums of all debits and all credits, per unit. */
    public List<LedgerRepository.Totals> totals() {
        return ledger.totals();
    }

    /** The balance of every kind of account. */
    public List<LedgerRepository.Balance> balances() {
        return ledger.balances();
    }

    private Transfer add(Transfer transfer) {
        ledger.open(transfer.debit());
        ledger.open(transfer.credit());
        if (ledger.add(transfer)) {
            return transfer;
        }
        Transfer first = ledger.find(transfer.id()).orElseThrow();
        if (!first.sameMovementAs(transfer)) {
            throw ChorusException.invalid("TRANSFER_ID_REUSED", "id",
                    "This id was used for a different movement. Use a new id for a new movement.");
        }
        return first;
    }
}
