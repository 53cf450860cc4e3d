package org.chorus.commissions.registry;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.chorus.contract.ContractRules;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.requests.RequestIds;

/**
 * The command to open a commission. It checks itself: an instance always holds a valid request.
 * Field names in violations are the API's, so a person sees the field they sent.
 *
 * @param hostOrganizations resource names {@code organizations/{organization}} of the hosting member
 *                          organisations, well formed and each once (whether they exist is membership's to say)
 * @param requestId         the caller's idempotency key, or null when none was sent
 */
public record NewCommission(CommissionId id, String displayName, String place, LocalDate startDate,
                            List<String> hostOrganizations, UUID requestId) {

    static final int MAX_NAME = 120;
    static final int MAX_PLACE = 120;
    static final int MAX_HOSTS = 10;
    static final String ORGANIZATIONS = "organizations/";

    public NewCommission {
        displayName = displayName == null ? null : displayName.strip();
        place = place == null ? "" : place.strip();
        hostOrganizations = List.copyOf(hostOrganizations);
        Objects.requireNonNull(id, "id");
    }

    /** As {@link #of(String, String, String, LocalDate, List, String)}, hosted by no organisation. */
    public static NewCommission of(String id, String displayName, String place, LocalDate startDate, String requestId) {
        return of(id, displayName, place, startDate, List.of(), requestId);
    }

    /**
     * Checks the raw request and builds the command.
     *
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT listing every problem found
     */
    public static NewCommission of(String id, String displayName, String place, LocalDate startDate,
                                   List<String> hostOrganizations, String requestId) {
        Violations violations = new Violations();
        if (violations.check(id != null && !id.isBlank(), "commission_id", "Please give the commission an id. " + CommissionId.RULE)) {
            violations.check(CommissionId.isValid(id), "commission_id", CommissionId.RULE);
        }
        violations.checkText(displayName, "commission.display_name", "a name for the commission", 1, MAX_NAME);
        violations.checkText(place, "commission.place", "the place", 0, MAX_PLACE);
        checkHosts(hostOrganizations, violations);
        UUID parsedRequestId = null;
        if (requestId != null && !requestId.isEmpty()) {
            try {
                parsedRequestId = UUID.fromString(requestId);
            } catch (IllegalArgumentException notUuid) {
                violations.check(false, "request_id",
                        "The request id must be a UUID, for example 6f1c2a3e-6b7d-4a59-9b8e-2f4d5c6a7b8c.");
            }
        }
        violations.throwIfAny("INVALID_COMMISSION", "Some details of the new commission need fixing.");
        return new NewCommission(new CommissionId(id), displayName, place, startDate, hostOrganizations, parsedRequestId);
    }

    private static void checkHosts(List<String> hosts, Violations violations) {
        violations.check(hosts.size() <= MAX_HOSTS, "commission.host_organizations",
                "A commission can have at most " + MAX_HOSTS + " host organisations. Please choose the " + MAX_HOSTS + " main ones.");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            String field = "commission.host_organizations[" + i + "]";
            if (violations.check(isOrganizationName(host), field, "An organisation's name looks like \"organizations/leeds-food-bank\". "
                    + "Ids are lower-case letters, digits and hyphens, starting and ending with a letter or digit.")) {
                violations.check(seen.add(host), field, "\"" + host + "\" is named twice. Please name each organisation once.");
            }
        }
    }

    private static boolean isOrganizationName(String name) {
        return name != null && name.startsWith(ORGANIZATIONS) && ContractRules.isResourceId(name.substring(ORGANIZATIONS.length()));
    }

    /**
     * A fingerprint of what is asked for (SHA-256, hex), to tell a true retry from a different
     * request that reuses the request id.
     */
    String fingerprint() {
        String asked = String.join("\u0000", id.value(), displayName, place, String.valueOf(startDate));
        if (!hostOrganizations.isEmpty()) {
            // Only when some are named, so fingerprints of requests remembered before hosts existed still match.
            asked = asked + "\u0000" + String.join("\u0000", hostOrganizations);
        }
        return RequestIds.fingerprint(asked);
    }
}
