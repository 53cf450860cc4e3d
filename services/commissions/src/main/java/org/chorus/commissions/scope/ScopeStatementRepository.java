package org.chorus.commissions.scope;

import java.util.List;

/** Where a commission's scope statement and its versions are kept. Every method runs inside the commission's transaction. */
public interface ScopeStatementRepository {

    /** The newest version, or {@link ScopeStatement#EMPTY}. */
    ScopeStatement current();

    /**
     * Stores a new version.
     *
     * @return false when a version with that number exists already (someone else changed it meanwhile)
     */
    boolean insert(ScopeStatement version);

    /** Up to {@code limit} versions numbered before {@code before}, newest first. */
    List<ScopeStatement> revisionsBefore(int before, int limit);
}
