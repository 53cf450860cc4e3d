package org.chorus.commissions.focus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where a commission's focus issues are kept. Every method runs inside the commission's transaction. */
public interface FocusIssueRepository {

    void insert(FocusIssue issue);

    void update(FocusIssue issue);

    Optional<FocusIssue> find(String id);

    /** The issue, locked until the transaction ends, so decisions take turns. */
    Optional<FocusIssue> lock(String id);

    /**
     * Up to {@code limit} issues oldest first, only in {@code state} when not null, after the issue
     * created at {@code afterTime} with id {@code afterId} (both null: from the first).
     */
    List<FocusIssue> list(FocusIssue.State state, Instant afterTime, String afterId, int limit);

}
