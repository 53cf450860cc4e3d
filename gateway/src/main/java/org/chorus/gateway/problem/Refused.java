package org.chorus.gateway.problem;

/**
 * A {@link Refusal} on its way to the door that answers it: the JSON door writes its problem
 * ({@code ProblemExceptionHandler}), the gRPC door its {@code google.rpc.Status} ({@code GrpcRefusals.of}).
 * No stack trace: it is an answer, not a fault.
 */
public final class Refused extends RuntimeException {

    private final transient Refusal refusal;

    public Refused(Refusal refusal) {
        super(refusal.problem().reason() + ": " + refusal.problem().detail(), null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
