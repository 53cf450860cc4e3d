package org.chorus.contract;

import java.util.regex.Pattern;

/**
 * Rules every Chorus API keeps, stated once for the gateway (which refuses a request that breaks
 * them before any service sees it) and the services (which check again for direct gRPC callers).
 * Each List method's comments say the same in words ("from 1 to 100").
 */
public final class ContractRules {

    /** aip.dev/158: the most items a List method returns in one page. */
    public static final int MAX_PAGE_SIZE = 100;

    /**
     * aip.dev/122: a resource id in a resource name is lower-case letters, digits and hyphens,
     * starting and ending with a letter or digit, 63 characters at most (a slug such as
     * {@code leeds}, or a UUID).
     */
    private static final Pattern RESOURCE_ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    /**
     * A commission's id, the {@code leeds} of {@code commissions/leeds}: a resource id that is also
     * a schema and role name in every service's database, so stricter: 3 to 40 characters, starting
     * with a letter.
     */
    private static final Pattern COMMISSION_ID = Pattern.compile("[a-z][a-z0-9-]{1,38}[a-z0-9]");

    /** The same rule as {@link #isCommissionId}, for SQL {@code CHECK} constraints and Keycloak group names. */
    public static final String COMMISSION_ID_PATTERN = COMMISSION_ID.pattern();

    /** What to tell someone whose commission id breaks the rule. */
    public static final String COMMISSION_ID_RULE = "An id is 3 to 40 characters: lower-case letters, numbers and hyphens. "
            + "It starts with a letter and does not end with a hyphen, for example \"leeds\".";

    private ContractRules() {
    }

    public static boolean isCommissionId(String id) {
        return id != null && COMMISSION_ID.matcher(id).matches();
    }

    /** A member organisation's id (its Keycloak alias), the {@code leeds-council} of {@code organizations/leeds-council}: the commission id's rule. */
    public static boolean isOrganizationId(String id) {
        return isCommissionId(id);
    }

    public static boolean isResourceId(String id) {
        return id != null && RESOURCE_ID.matcher(id).matches();
    }

    /** What to tell someone whose resource id breaks the rule. */
    public static String resourceIdRule(String id) {
        return "\"" + id + "\" is not a valid id. Ids are lower-case letters, digits and hyphens (at most 63), "
                + "starting and ending with a letter or digit.";
    }

    public static boolean isPageSize(int pageSize) {
        return pageSize >= 0 && pageSize <= MAX_PAGE_SIZE;
    }

    /** What to tell someone whose page size breaks the rule. */
    public static String pageSizeRule() {
        return "The page size must be between 1 and " + MAX_PAGE_SIZE + ", or 0 for the usual size.";
    }
}
