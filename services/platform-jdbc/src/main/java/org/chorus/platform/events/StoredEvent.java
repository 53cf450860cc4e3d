package org.chorus.platform.events;

import java.time.Instant;

/**
 * An event as kept in a commission's outbox.
 *
 * @param sequence    its place in the commission's feed, from 1, in commit order, with no gaps
 * @param payloadType the full name of the payload's message, for example {@code chorus.commissions.v1.PhaseMoved}
 * @param payloadJson the payload in the contract's JSON form (proto field names)
 */
public record StoredEvent(long sequence, String type, String resourceName, String actor, Instant time, String payloadType,
                          String payloadJson) {
}
