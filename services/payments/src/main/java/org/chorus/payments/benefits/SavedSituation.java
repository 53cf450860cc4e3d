package org.chorus.payments.benefits;

import java.time.Instant;
import java.util.Objects;
import org.chorus.payments.guidance.GuidanceRequest.SituationDraft;

/**
 * A member's saved situation, opened. It lives only in memory for one call: at rest it is sealed.
 *
 * @param version counts the saves, from 1; the etag is made from it
 */
public record SavedSituation(MemberKey member, SituationDraft situation, long version, Instant updateTime) {

    public SavedSituation {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(situation, "situation");
        Objects.requireNonNull(updateTime, "updateTime");
    }

    public String etag() {
        return etagOf(version);
    }

    static String etagOf(long version) {
        return "\"v" + version + "\"";
    }
}
