package org.chorus.commissions.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A change to record in a commission's outbox, in the same transaction as the change.
 *
 * @param type         what happened, {@code <resource>.<verb>}, for example {@code phase.moved}
 * @param resourceName the resource that changed
 * @param actor        the sign-in subject of who made the change
 * @param payload      the facts of the change: strings, numbers, booleans, lists and maps of them
 */
public record NewEvent(String type, String resourceName, String actor, Instant time, Map<String, Object> payload) {

    public NewEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(time, "time");
        payload = Map.copyOf(payload);
    }
}
