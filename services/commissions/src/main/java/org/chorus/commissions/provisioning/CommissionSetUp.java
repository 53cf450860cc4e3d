package org.chorus.commissions.provisioning;

/** Asks one other service to set a commission up (port; the gRPC client is the adapter). */
interface CommissionSetUp {

    /** Sets the commission up in {@code service}; throws when the service could not. */
    void provision(String service, String commissionId);
}
