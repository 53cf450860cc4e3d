package org.chorus.payments.archfixture;

/** An inbound adapter of the fixture. */
public class ClaimGrpcService {
    public String name() {
        return "claim";
    }
}
