package org.chorus.commissions.registry;

import java.util.List;
import java.util.Optional;
import java.util.Set;

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

}
