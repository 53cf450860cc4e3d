package org.chorus.commissions.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A commission on the network, as stored.
 *
 * @param version increases by one with every change; the etag is made from it
 */
public record Commission(
        CommissionId id,
        String displayName,
        String place,
        LocalDate startDate,
        State state,
        Instant createTime,
        Instant updateTime,
        long version) {

    /** Where a commission is in its life on the network. */
    public enum State { ACTIVE, ARCHIVED }

    public Commission {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createTime, "createTime");
        Objects.requireNonNull(updateTime, "updateTime");
    }

    /** A new, active commission as of {@code now}. */
    public static Commission open(NewCommission request, Instant now) {
        return new Commission(request.id(), request.displayName(), request.place(), request.startDate(),
                State.ACTIVE, now, now, 1);
    }

    /** An opaque tag of this version, for optimistic concurrency. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
