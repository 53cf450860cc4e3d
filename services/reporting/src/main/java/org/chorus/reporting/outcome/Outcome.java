package org.chorus.reporting.outcome;

import java.time.Instant;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.requests.RequestIds;

/**
 * Something that changed because of a commission's work, or a member's story of change. Reports count and show it
 * only once a coordinator approves it, and a story only while its member still agrees to share it.
 */
public record Outcome(String id, Kind kind, String title, String description, String member, State state, String reason,
                      String createdBy, Instant createTime, Instant decideTime) {

    /** An outcome, or a member's own story. */
    public enum Kind { OUTCOME, STORY }

    /** Where it is. */
    public enum State { PROPOSED, APPROVED, TURNED_DOWN }

    public static final int TITLE_MAX = 120;
    public static final int DESCRIPTION_MAX = 4_000;
    public static final int REASON_MAX = 1_000;

    /** What a facilitator sends to record one. */
    public record Draft(Kind kind, String title, String description, String member) {

        public Draft {
            Violations violations = new Violations();
            violations.check(kind != null, "outcome.kind", "Say whether it is an OUTCOME or a STORY.");
            violations.checkText(title, "outcome.title", "a title", 1, TITLE_MAX);
            violations.checkText(description, "outcome.description", "what changed", 1, DESCRIPTION_MAX);
            boolean story = kind == Kind.STORY;
            boolean named = member != null && !member.isBlank();
            violations.check(!story || named, "outcome.member", "A story is someone's own: say whose it is.");
            violations.check(story || !named, "outcome.member", "Only a story names a member; leave it empty for an outcome.");
            violations.throwIfAny("INVALID_OUTCOME", "The outcome is not complete. Please check the fields listed.");
            title = title.strip();
            description = description.strip();
            member = named ? member : null;
        }

        /** What a retry with the same request id must repeat. */
        public String fingerprint() {
            return RequestIds.fingerprint(kind.name(), title, description, member == null ? "" : member);
        }
    }

    /** The resource name in {@code commission}. */
    public String resourceName(String commission) {
        return "commissions/" + commission + "/outcomes/" + id;
    }
}
