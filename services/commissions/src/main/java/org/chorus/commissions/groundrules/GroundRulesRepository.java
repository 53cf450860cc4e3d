package org.chorus.commissions.groundrules;

import java.util.List;

/** Where a commission's ground rules and their versions are kept. Every method runs inside the commission's transaction. */
public interface GroundRulesRepository {

    /** The newest version, or {@link GroundRules#EMPTY}. */
    GroundRules current();

    /**
     * Stores a new version.
     *
     * @return false when a version with that number exists already (someone else changed them meanwhile)
     */
    boolean insert(GroundRules version);

    /** Up to {@code limit} versions numbered before {@code before}, newest first. */
    List<GroundRules> revisionsBefore(int before, int limit);
}
