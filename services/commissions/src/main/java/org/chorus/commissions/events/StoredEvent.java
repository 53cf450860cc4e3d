package org.chorus.commissions.events;

import java.time.Instant;

/**
 * An event as kept in a commission's outbox.
 *
 * @param sequence    its place in the commission's feed, from 1, with no gaps
 * @param payloadJson the facts of the change, as a JSON object
 */
public record StoredEvent(long sequence, String type, String resourceName, String actor, Instant time, String payloadJson) {
}
