package org.chorus.platform.events;

import com.google.protobuf.Message;
import java.time.Instant;
import java.util.Objects;

/**
 * A change to record in a commission's outbox, in the same transaction as the change.
 *
 * @param type         what happened, {@code <resource>.<verb>}, for example {@code phase.moved}
 * @param resourceName the resource that changed
 * @param actor        the sign-in subject of who made the change
 * @param payload      the facts of the change: a message of the owning service's contract
 */
public record NewEvent(String type, String resourceName, String actor, Instant time, Message payload) {

    public NewEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(payload, "payload");
    }
}
