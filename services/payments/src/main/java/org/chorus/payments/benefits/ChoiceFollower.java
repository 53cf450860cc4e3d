package org.chorus.payments.benefits;

import java.time.Instant;
import org.chorus.payments.guidance.PaymentMethod;

/**
 * What follows from a member's new payment choice, in the transaction that records it (the member's lock on their
 * choices is held): the claims that waited for one go on to be approved.
 */
public interface ChoiceFollower {

    /** The member chose {@code method}; {@code actor} recorded it, at {@code time}. */
    void chosen(MemberKey member, PaymentMethod method, String actor, Instant time);
}
