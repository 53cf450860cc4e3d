package org.chorus.platform.errors;

import java.util.List;
import java.util.Objects;
import org.chorus.contract.ErrorReasons;

/**
 * A failure the caller can understand and act on. The domain throws it; the gRPC layer turns it
 * into a {@code google.rpc.Status} with one {@code ErrorInfo} and any field violations.
 *
 * <p>The message is read by people: a plain sentence that says what to do, never internals.
 */
public final class ChorusException extends RuntimeException {

    /** What kind of failure this is; each maps to one gRPC status code. */
    public enum Kind {
        INVALID_ARGUMENT,
        NOT_FOUND,
        ALREADY_EXISTS,
        FAILED_PRECONDITION,
        ABORTED,
        PERMISSION_DENIED,
        UNAUTHENTICATED
    }

    private final Kind kind;
    private final String reason;
    private final List<FieldViolation> violations;

    private ChorusException(Kind kind, String reason, String message, List<FieldViolation> violations) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reason = requireReason(reason);
        this.violations = List.copyOf(violations);
    }

    /** The request is wrong in the listed fields. */
    public static ChorusException invalid(String reason, String message, List<FieldViolation> violations) {
        return new ChorusException(Kind.INVALID_ARGUMENT, reason, message, violations);
    }

    /** The request is wrong in one field. */
    public static ChorusException invalid(String reason, String field, String description) {
        return invalid(reason, description, List.of(new FieldViolation(field, description)));
    }

    public static ChorusException notFound(String reason, String message) {
        return new ChorusException(Kind.NOT_FOUND, reason, message, List.of());
    }

    public static ChorusException alreadyExists(String reason, String message) {
        return new ChorusException(Kind.ALREADY_EXISTS, reason, message, List.of());
    }

    public static ChorusException failedPrecondition(String reason, String message) {
        return new ChorusException(Kind.FAILED_PRECONDITION, reason, message, List.of());
    }

    /** Someone else changed the resource meanwhile (a stale etag, a lost race). */
    public static ChorusException aborted(String reason, String message) {
        return new ChorusException(Kind.ABORTED, reason, message, List.of());
    }

    /** The caller did not sign in, or their token is not valid. */
    public static ChorusException unauthenticated(String reason, String message) {
        return new ChorusException(Kind.UNAUTHENTICATED, reason, message, List.of());
    }

    public static ChorusException permissionDenied(String reason, String message) {
        return new ChorusException(Kind.PERMISSION_DENIED, reason, message, List.of());
    }

    /** A failure of any kind, as remembered for a request id and given again to its retry. */
    public static ChorusException of(Kind kind, String reason, String message, List<FieldViolation> violations) {
        return new ChorusException(kind, reason, message, violations);
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The {@code ErrorInfo} reason: UPPER_SNAKE_CASE, stable, for programs to branch on; always a value of
     * {@code chorus.platform.v1.ErrorReason}.
     */
    public String reason() {
        return reason;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** Clients branch on the reason, so it must be one the contract declares and documents. */
    private static String requireReason(String reason) {
        return ErrorReasons.requireDeclared(reason);
    }
}
