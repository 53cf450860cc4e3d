package org.chorus.platform.tenancy;

import java.util.regex.Pattern;
import org.chorus.contract.ContractRules;

/**
 * Where one service keeps one commission's data: a schema of its own, owned by a role of its own.
 * Names are derived here and nowhere else, from the service and the commission id (whose form
 * leaves no room for quoting tricks: lower-case letters, digits and hyphens).
 *
 * @param commissionId the commission's id, e.g. {@code leeds}
 * @param schema       the schema, e.g. {@code commission_leeds}
 * @param role         the role that owns it, e.g. {@code chorus_payments_leeds}; roles are
 *                     cluster-wide, so the name carries the service
 */
public record CommissionSchema(String commissionId, String schema, String role) {

    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9]{1,15}");

    public static CommissionSchema of(String service, String commissionId) {
        if (service == null || !SERVICE.matcher(service).matches()) {
            throw new IllegalArgumentException("A service name is 2 to 16 lower-case letters and digits: " + service);
        }
        if (!ContractRules.isCommissionId(commissionId)) {
            throw new IllegalArgumentException("Not a commission id: " + commissionId);
        }
        String id = commissionId.replace('-', '_');
        return new CommissionSchema(commissionId, "commission_" + id, "chorus_" + service + "_" + id);
    }

    /** The commission whose schema this is ({@code commission_leeds_north} → {@code leeds-north}): the inverse of {@link #of}. */
    public static String commissionIdOf(String schema) {
        if (!schema.startsWith("commission_")) {
            throw new IllegalArgumentException("Not a commission's schema: " + schema);
        }
        return schema.substring("commission_".length()).replace('_', '-');
    }

    String quotedSchema() {
        return '"' + schema + '"';
    }

    String quotedRole() {
        return '"' + role + '"';
    }
}
