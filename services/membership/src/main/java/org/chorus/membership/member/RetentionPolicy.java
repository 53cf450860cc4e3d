package org.chorus.membership.member;

import java.time.Instant;

/**
 * How long a commission keeps the details of someone who left and did not ask to be kept.
 *
 * @param updateTime null while it is the default
 */
public record RetentionPolicy(int eraseAfterLeavingDays, String updatedBy, Instant updateTime) {

    public static final int DEFAULT_DAYS = 365;
    public static final int MIN_DAYS = 30;
    public static final int MAX_DAYS = 3650;
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(DEFAULT_DAYS, "", null);
}
