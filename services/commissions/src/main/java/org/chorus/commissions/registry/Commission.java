package org.chorus.commissions.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.chorus.platform.names.CommissionId;

/**
 * A commission on the network, as stored.
 *
 * @param hostOrganizations resource names {@code organizations/{organization}} of the member organisations hosting it
 * @param archiveTime       when it was archived, or null while it is active
 * @param archiveReason     why it was archived, or null while it is active
 * @param version           increases by one with every change; the etag is made from it
 */
public record Commission(
        CommissionId id,
        String displayName,
        String place,
        LocalDate startDate,
        List<String> hostOrganizations,
        State state,
        Instant createTime,
        Instant updateTime,
        Instant archiveTime,
        String archiveReason,
        long version) {

    /** Where a commission is in its life on the network. */
    public enum State { ACTIVE, ARCHIVED }

    public Commission {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(place, "place");
        hostOrganizations = List.copyOf(hostOrganizations);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createTime, "createTime");
        Objects.requireNonNull(updateTime, "updateTime");
        if ((state == State.ARCHIVED) != (archiveTime != null && archiveReason != null)) {
            throw new IllegalArgumentException("An archived commission says when and why it was archived; an active one does not");
        }
    }

    /** A new, active commission as of {@code now}. */
    public static Commission open(NewCommission request, Instant now) {
        return new Commission(request.id(), request.displayName(), request.place(), request.startDate(),
                request.hostOrganizations(), State.ACTIVE, now, now, null, null, 1);
    }

    public boolean archived() {
        return state == State.ARCHIVED;
    }

    /** This commission, archived at {@code now} for {@code reason}: the next version. */
    public Commission archive(String reason, Instant now) {
        if (archived()) {
            throw new IllegalStateException("Commission " + id + " is archived already");
        }
        return new Commission(id, displayName, place, startDate, hostOrganizations, State.ARCHIVED,
                createTime, now, now, reason, version + 1);
    }

    /** An opaque tag of this version, for optimistic concurrency. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
