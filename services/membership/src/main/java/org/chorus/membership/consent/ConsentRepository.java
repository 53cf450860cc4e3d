package org.chorus.membership.consent;

import java.util.List;

/** Answers in the commission whose transaction is open. Never updated or deleted. */
public interface ConsentRepository {

    void insert(Consent consent);

    /** Every answer of the member, oldest first; with {@code latestOnly}, the latest per purpose. */
    List<Consent> of(String commission, String member, boolean latestOnly);
}
