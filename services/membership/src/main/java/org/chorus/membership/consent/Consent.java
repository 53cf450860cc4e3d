package org.chorus.membership.consent;

import java.time.Instant;

/** One answer for one purpose, as recorded. The latest answer per purpose is what holds now. */
public record Consent(String commission, String member, ConsentPurposes purpose, boolean given, int wordingVersion,
                      String recordedBy, boolean onBehalf, Instant recordTime) {

    public String resourceName() {
        return "commissions/" + commission + "/members/" + member + "/consents/" + purpose.id();
    }
}
