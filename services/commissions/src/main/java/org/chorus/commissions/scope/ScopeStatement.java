package org.chorus.commissions.scope;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a commission's scope statement: what is open to co-production, what is not, and
 * why. Revision 0 is the empty statement a commission starts with; each change makes the next.
 *
 * @param updatedBy  the sign-in subject of who made this version ({@code ""} for revision 0)
 * @param updateTime when this version was made (null for revision 0)
 */
public record ScopeStatement(int revision, String openToCoProduction, String notOpenToCoProduction, String reasons,
                             String updatedBy, Instant updateTime) {

    public ScopeStatement {
        Objects.requireNonNull(openToCoProduction, "openToCoProduction");
        Objects.requireNonNull(notOpenToCoProduction, "notOpenToCoProduction");
        Objects.requireNonNull(reasons, "reasons");
        Objects.requireNonNull(updatedBy, "updatedBy");
    }

    /** The statement of a commission nobody has written one for yet. */
    public static final ScopeStatement EMPTY = new ScopeStatement(0, "", "", "", "", null);

    /** An opaque tag of this version, for optimistic concurrency. */
    public String etag() {
        return "\"" + revision + "\"";
    }

    /** The next version, with {@code change} applied. */
    public ScopeStatement apply(ScopeChange change, String by, Instant now) {
        return new ScopeStatement(revision + 1,
                change.openToCoProduction() != null ? change.openToCoProduction() : openToCoProduction,
                change.notOpenToCoProduction() != null ? change.notOpenToCoProduction() : notOpenToCoProduction,
                change.reasons() != null ? change.reasons() : reasons,
                by, now);
    }
}
