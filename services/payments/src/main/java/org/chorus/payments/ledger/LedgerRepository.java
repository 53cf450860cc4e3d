package org.chorus.payments.ledger;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The ledger of the commission whose transaction is open. Transfers are only ever added. */
public interface LedgerRepository {

    /** Opens the account unless it exists. */
    void open(Account account);

    /** Adds the transfer; false when a transfer with its id exists (nothing is written). */
    boolean add(Transfer transfer);

    Optional<Transfer> find(UUID id);

    /** The transfer that reverses {@code id}, if any. */
    Optional<Transfer> reversalOf(UUID id);

    /** Credits minus debits of the account, in its unit. */
    long balance(String account);

    /** Up to {@code limit} transfers to or from the account, newest first, before the transfer {@code beforeId} (null: the newest). */
    List<Transfer> statement(String account, UUID beforeId, int limit);

    /** The sums of all debits and all credits, per unit, as the accounts keep them: equal, at every commit. */
    List<Totals> totals();

    /** The balance of every kind of account, summed over its accounts (one per member for owed money and time credits). */
    List<Balance> balances();

    /** What the accounts of one kind hold together. */
    record Balance(Account.Kind kind, int accounts, long balance) {
    }

    /** The sums of one unit's debits and credits. */
    record Totals(Account.Unit unit, long debits, long credits) {
    }
}
