package org.chorus.commissions.membership;

/**
 * The network's member organisations. The membership service is the source of truth. Asked as the
 * person making the current call (their token is relayed).
 */
public interface MemberOrganizations {

    /**
     * Whether the member organisation exists.
     *
     * @param organization its resource name, {@code organizations/{organization}}
     * @throws RuntimeException when membership cannot be asked just now (the call then fails as UNAVAILABLE)
     */
    boolean exists(String organization);
}
