package org.chorus.payments.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One movement between two accounts of the same unit: immutable, one per id. A correction is a
 * reversal ({@code reverses}), never an edit.
 *
 * @param reverses the transfer this one undoes, or null
 */
public record Transfer(UUID id, Account debit, Account credit, long amount, String kind, String reference, UUID reverses,
                       Instant createTime) {

    public Transfer {
        Objects.requireNonNull(id, "id");
        if (debit.unit() != credit.unit()) {
            throw new IllegalArgumentException("A transfer moves one unit: " + debit.id() + " and " + credit.id() + " differ");
        }
        if (debit.id().equals(credit.id())) {
            throw new IllegalArgumentException("A transfer moves between two accounts");
        }
        if (amount <= 0) {
            throw new IllegalArgumentException("A transfer moves a positive amount");
        }
    }

    /** The id of the one transfer for {@code purpose} about {@code thing}: the same whatever retries or replays. */
    public static UUID idFor(String purpose, Object thing) {
        return UUID.nameUUIDFromBytes((purpose + ":" + thing).getBytes(StandardCharsets.UTF_8));
    }

    public Account.Unit unit() {
        return debit.unit();
    }

    /** Whether {@code other} asks for the same movement (a true retry of this one). */
    public boolean sameMovementAs(Transfer other) {
        return debit.id().equals(other.debit.id()) && credit.id().equals(other.credit.id()) && amount == other.amount
                && kind.equals(other.kind) && reference.equals(other.reference) && Objects.equals(reverses, other.reverses);
    }
}
