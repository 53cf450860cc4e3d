package org.chorus.contract;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.chorus.platform.v1.ErrorReason;

/**
 * The {@code google.rpc.ErrorInfo} reasons Chorus may send: the values of {@link ErrorReason} in
 * {@code chorus/platform/v1/error_reason.proto}, other than {@code ERROR_REASON_UNSPECIFIED}. The services
 * ({@code ChorusException}) and the gateway (its problems and gRPC refusals) refuse any other reason, so a
 * reason a client meets is always one the contract documents.
 */
public final class ErrorReasons {

    private static final Set<String> DECLARED = ErrorReason.getDescriptor().getValues().stream()
            .filter(value -> value.getNumber() != ErrorReason.ERROR_REASON_UNSPECIFIED_VALUE)
            .map(EnumValueDescriptor::getName)
            .collect(Collectors.toUnmodifiableSet());

    private ErrorReasons() {
    }

    /** Every reason that may be sent, by name. */
    public static Set<String> declared() {
        return DECLARED;
    }

    public static boolean isDeclared(String reason) {
        return reason != null && DECLARED.contains(reason);
    }

    /**
     * Returns {@code reason} when the contract declares it.
     *
     * @throws IllegalArgumentException when it does not: a reason is added to {@code ErrorReason}, with a
     *                                  comment saying when it happens and what the caller should do, before
     *                                  any code sends it
     */
    public static String requireDeclared(String reason) {
        if (!isDeclared(reason)) {
            throw new IllegalArgumentException("The error reason " + reason + " is not declared in "
                    + "chorus.platform.v1.ErrorReason (proto/src/main/proto/chorus/platform/v1/error_reason.proto); "
                    + "declare it there, with when it happens and what the caller should do");
        }
        return reason;
    }
}
