package org.chorus.payments.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The revisions of the payment policy of the commission whose transaction is open. Never changed. */
public interface PaymentPolicyRepository {

    /** The revision that applies on {@code day}: the one dated latest on or before it (the later revision on the same date). */
    Optional<PaymentPolicy> on(LocalDate day);

    /** The latest revision made. */
    Optional<PaymentPolicy> latest();

    /** Stores a new revision; false when that revision number was taken meanwhile. */
    boolean insert(PaymentPolicy revision);

    /** Up to {@code limit} revisions before {@code beforeRevision}, newest first. */
    List<PaymentPolicy> before(int beforeRevision, int limit);
}
