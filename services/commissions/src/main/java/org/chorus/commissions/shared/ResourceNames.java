package org.chorus.commissions.shared;

import org.chorus.commissions.registry.CommissionId;
import org.chorus.platform.errors.ChorusException;

/** Reads the commission out of the names of resources that live under it. */
public final class ResourceNames {

    private ResourceNames() {
    }

    /**
     * The commission in {@code commissions/{commission}{suffix}}, for example the {@code leeds} of
     * {@code commissions/leeds/phaseModel} with suffix {@code /phaseModel}.
     *
     * @throws ChorusException INVALID_ARGUMENT on {@code field} when the name is not of that form
     */
    public static CommissionId commissionIn(String name, String suffix, String field) {
        if (name != null && name.endsWith(suffix)) {
            CommissionId id = CommissionId.fromName(name.substring(0, name.length() - suffix.length()));
            if (id != null) {
                return id;
            }
        }
        throw ChorusException.invalid("INVALID_NAME", field,
                "This name should look like \"commissions/leeds" + suffix + "\", with the commission's id in the middle.");
    }

    /** The commission named {@code commissions/{commission}}. */
    public static CommissionId commission(String name, String field) {
        return commissionIn(name, "", field);
    }
}
