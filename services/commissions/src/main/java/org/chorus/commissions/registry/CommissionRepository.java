package org.chorus.commissions.registry;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Where commissions are kept. */
public interface CommissionRepository {

    /**
     * Stores a new commission.
     *
     * @return false when a commission with the same id already exists (nothing is written)
     */
    boolean insert(Commission commission);

    Optional<Commission> find(CommissionId id);

    /** Up to {@code limit} commissions with ids after {@code after} (all when empty), in id order. */
    List<Commission> listAfter(String after, int limit);

    /** As {@link #listAfter(String, int)}, among the commissions in {@code only}. */
    List<Commission> listAfter(String after, int limit, Set<CommissionId> only);

    /** The request that created something with this request id, if any. */
    Optional<CreateRequest> findRequest(UUID requestId);

    void saveRequest(CreateRequest request);

    /** A remembered create request: its fingerprint and the name of what it made. */
    record CreateRequest(UUID requestId, String fingerprint, String resourceName) {
    }
}
