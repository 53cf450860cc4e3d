package org.chorus.platform.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

/**
 * The one place where failures become gRPC statuses: a {@link ChorusException} becomes a
 * {@code google.rpc.Status} with exactly one {@code ErrorInfo} and its field violations as a
 * {@code BadRequest}; anything unexpected becomes INTERNAL with a plain message and no internals.
 */
public final class GrpcErrors implements GrpcExceptionHandler {

    /** The {@code ErrorInfo} domain of every Chorus error. */
    public static final String DOMAIN = "chorus.org";

    private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);

    @Override
    public StatusException handleException(Throwable failure) {
        return switch (failure) {
            case ChorusException chorus -> toStatusException(chorus);
            case StatusException status -> status;
            case StatusRuntimeException status -> new StatusException(status.getStatus(), status.getTrailers());
            default -> unexpected(failure);
        };
    }

    /** The status a {@link ChorusException} stands for. */
    public static StatusException toStatusException(ChorusException failure) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code(failure.kind()).getNumber())
                .setMessage(failure.getMessage())
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason(failure.reason())
                        .setDomain(DOMAIN)
                        .build()));
        if (!failure.violations().isEmpty()) {
            BadRequest.Builder badRequest = BadRequest.newBuilder();
            for (FieldViolation violation : failure.violations()) {
                badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                        .setField(violation.field())
                        .setDescription(violation.description()));
            }
            status.addDetails(Any.pack(badRequest.build()));
        }
        return StatusProto.toStatusException(status.build());
    }

    private static StatusException unexpected(Throwable failure) {
        // The stack trace is for operators; the caller gets no internals.
        log.error("Unexpected failure while handling a call", failure);
        return StatusProto.toStatusException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INTERNAL.getNumber())
                .setMessage("Something went wrong on our side. Please try again; if it keeps happening, "
                        + "tell the people who run Chorus.")
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("INTERNAL").setDomain(DOMAIN).build()))
                .build());
    }

    private static Code code(ChorusException.Kind kind) {
        return switch (kind) {
            case INVALID_ARGUMENT -> Code.INVALID_ARGUMENT;
            case NOT_FOUND -> Code.NOT_FOUND;
            case ALREADY_EXISTS -> Code.ALREADY_EXISTS;
            case FAILED_PRECONDITION -> Code.FAILED_PRECONDITION;
            case ABORTED -> Code.ABORTED;
            case PERMISSION_DENIED -> Code.PERMISSION_DENIED;
            case UNAUTHENTICATED -> Code.UNAUTHENTICATED;
        };
    }
}
