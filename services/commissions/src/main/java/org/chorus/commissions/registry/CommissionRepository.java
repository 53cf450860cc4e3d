package org.chorus.commissions.registry;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.chorus.platform.names.CommissionId;

/** Where commissions are kept. */
public interface CommissionRepository {

    /**
     * Stores a new commission.
     *
     * @return false when a commission with the same id already exists (nothing is written)
     */
    boolean insert(Commission commission);

    Optional<Commission> find(CommissionId id);

    /** The commission, locked until the transaction ends (FOR UPDATE), to change it. */
    Optional<Commission> lock(CommissionId id);

    /**
     * The commission's state, with a shared lock until the transaction ends (FOR SHARE): it cannot
     * be archived while work in it is being written.
     */
    Optional<Commission.State> stateForShare(CommissionId id);

    /**
     * Stores the next version of a commission: its state and archive details.
     *
     * @return false when the stored version is no longer {@code previousVersion} (nothing is written)
     */
    boolean update(Commission commission, long previousVersion);

    /**
     * Up to {@code limit} commissions with ids after {@code after} (all when empty), in id order;
     * archived ones only when {@code withArchived}.
     */
    List<Commission> listAfter(String after, int limit, boolean withArchived);

    /** As {@link #listAfter(String, int, boolean)}, among the commissions in {@code only}. */
    List<Commission> listAfter(String after, int limit, boolean withArchived, Set<CommissionId> only);

}
