package org.chorus.payments.claim;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Optional;
import java.util.UUID;

/** The claims of the commission whose transaction is open. */
public interface ClaimRepository {

    /** Stores a new claim; false when one was made from the same session's attendance already (nothing is written). */
    boolean insert(Claim claim);

    Optional<Claim> find(UUID id);

    /**
     * The claim, locked until the transaction ends: a payout choosing the claims to pay locks them too, so a claim is
     * never cancelled while it is being put in a payout, nor put in one while it is being cancelled.
     */
    Optional<Claim> findLocked(UUID id);

    /**
     * Stores the claim's new state, method, reasons, payment, and (before approval only) its corrected minutes and amount,
     * if its version is still {@code claim.version() - 1}.
     */
    boolean update(Claim claim);

    /** The claim made from a person's attendance at a session, if there is one, locked until the transaction ends. */
    Optional<Claim> findFromAttendance(String session, String member);

    /** The member's claims waiting for their payment choice, oldest first, locked until the transaction ends. */
    List<Claim> waitingForAChoice(String member);

    /** Whether the claim is in a payout sent to the bank and not marked paid yet. */
    boolean withTheBank(UUID claim);

    void addApproval(UUID claim, Claim.Approval approval);

    /** Sets aside the claim's approvals (kept for the record, no longer counted): the amount they approved has changed. */
    void setAsideApprovals(UUID claim, Instant when);

    /** Keeps one receipt of a claim, its content sealed already. */
    void insertReceipt(UUID claim, Receipt.Kept receipt, byte[] sealedContent);

    /** The sealed content of one receipt, if the claim has it. */
    Optional<byte[]> receiptContent(UUID claim, int number);

    /**
     * Up to {@code limit} approved claims with money still to pay and in no payout waiting for the bank, oldest
     * first, locked until the transaction ends.
     */
    List<Claim> waitingToBePaid(int limit);

    /**
     * Up to {@code limit} claims after ({@code afterTime}, {@code afterId}), oldest first, as {@code filter} says; only the
     * member's when not null.
     */
    List<Claim> listAfter(Instant afterTime, UUID afterId, String member, Filter filter, int limit);

    /** Which claims a list shows: those in {@code states} (all when empty), and only those to check when {@code toCheck}. */
    record Filter(Set<Claim.State> states, boolean toCheck) {

        public Filter {
            states = Set.copyOf(states);
        }

        /** Part of the page token's key, so that a token is used with the filters it was made with. */
        public String key() {
            return new TreeSet<>(states.stream().map(Enum::name).toList()) + (toCheck ? ":to-check" : "");
        }
    }
}
