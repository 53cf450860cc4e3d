package org.chorus.platform.names;

import org.chorus.contract.ContractRules;

/**
 * A commission's short id, the last part of its resource name ({@code leeds} in
 * {@code commissions/leeds}), by the contract's rule ({@link ContractRules#isCommissionId}).
 */
public record CommissionId(String value) implements Comparable<CommissionId> {

    static final String PREFIX = "commissions/";

    /** Says what a good id looks like, in plain words. */
    public static final String RULE = ContractRules.COMMISSION_ID_RULE;

    public CommissionId {
        if (!isValid(value)) {
            throw new IllegalArgumentException(RULE);
        }
    }

    public static boolean isValid(String value) {
        return ContractRules.isCommissionId(value);
    }

    /** The id in a resource name {@code commissions/{id}}, or null when the name is not of that form. */
    public static CommissionId fromName(String name) {
        if (name == null || !name.startsWith(PREFIX)) {
            return null;
        }
        String id = name.substring(PREFIX.length());
        return isValid(id) ? new CommissionId(id) : null;
    }

    /**
     * The commission named {@code commissions/{commission}}, as sent in {@code field}.
     *
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT ({@code INVALID_NAME}) otherwise
     */
    public static CommissionId parse(String name, String field) {
        return ResourcePattern.COMMISSION_NAME.parse(name, field).commission();
    }

    /**
     * The commission a resource name says it lives under, as written and not yet checked against the
     * id rule: the {@code leeds} of {@code commissions/leeds}, {@code commissions/leeds/sessions/s-1} or
     * {@code commissions/leeds:archive} (a custom verb). For guards that must refuse a caller with no
     * role there whatever the id looks like; null when the name is not under {@code commissions/}.
     */
    public static String claimedIn(String resourceName) {
        if (resourceName == null || !resourceName.startsWith(PREFIX)) {
            return null;
        }
        int end = PREFIX.length();
        while (end < resourceName.length() && resourceName.charAt(end) != '/' && resourceName.charAt(end) != ':') {
            end++;
        }
        return end == PREFIX.length() ? null : resourceName.substring(PREFIX.length(), end);
    }

    public String resourceName() {
        return PREFIX + value;
    }

    @Override
    public int compareTo(CommissionId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
