package org.chorus.commissions.provisioning;

import java.util.List;

/** Which services have set each commission up (the registry's own record). */
interface ProvisioningRepository {

    /** Commissions in the registry that {@code service} has not set up yet. */
    List<String> missingIn(String service);

    void recordDone(String commissionId, String service);
}
