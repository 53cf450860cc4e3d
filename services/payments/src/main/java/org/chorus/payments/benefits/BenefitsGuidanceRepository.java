package org.chorus.payments.benefits;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chorus.platform.crypto.SealingKeys.Sealed;

/**
 * Where saved situations, their access record, payment choices and outbox events are kept. Every
 * method runs inside a commission's transaction (its role and search path already set).
 */
public interface BenefitsGuidanceRepository {

    /** A situation as stored: still sealed. */
    record StoredSituation(String memberId, Sealed sealed, long version, Instant updateTime) {
    }

    /** A payment choice as stored; the plan is JSON. */
    record StoredChoice(UUID id, String memberId, UUID requestId, String requestHash, String method, Long lowerAmountPence,
                        String reason, byte[] planJson, boolean london, List<String> rulesVersions,
                        String guidanceFingerprint, Instant createTime, String recordedBy, boolean onBehalf) {
    }

    Optional<StoredSituation> findSituation(String memberId);

    /** Inserts the first version; false when one appeared meanwhile. */
    boolean insertSituation(StoredSituation situation);

    /** Replaces the situation only if it is still at {@code expectedVersion}; false otherwise. */
    boolean replaceSituation(StoredSituation situation, long expectedVersion);

    /** Records who read or saved which situation, when, and as what; never the content. */
    void recordAccess(String memberId, String actorSubject, String capacity, String action, Instant time);

    Optional<StoredChoice> findChoice(String memberId, UUID id);

    /** Inserts a choice (its request id is new: {@code CreateRequests} said so, under its lock). */
    void insertChoice(StoredChoice choice);

    /** Deletes the member's saved situation, if there is one. */
    void deleteSituation(String memberId);

    /**
     * Until the transaction ends, holds the member's lock on their payment choices: a choice being recorded and a claim
     * reading the latest choice take it, so each sees the other. Take it before locking or changing any of the member's
     * claims that wait for a choice, as recording a choice does, so that two transactions never wait for each other.
     */
    void lockChoicesOf(String memberId);

    /** The member's choices, oldest first. */
    List<StoredChoice> choicesOf(String memberId);

    /**
     * Erases what is the member's to say: their saved situation and the record of who read it, and
     * the reasons they gave with their choices. The choices stay (methods and amounts are counted).
     */
    void eraseMember(String memberId);
}
