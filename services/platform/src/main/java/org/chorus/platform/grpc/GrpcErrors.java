package org.chorus.platform.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
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

    /** The most the field violations of one status may take, leaving room in the trailer for the rest. */
    static final int MAX_DETAILS_BYTES = 4096;

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
            status.addDetails(Any.pack(badRequest(failure.violations())));
        }
        return StatusProto.toStatusException(status.build());
    }

    /**
     * The field violations, as many as fit in {@link #MAX_DETAILS_BYTES}: the status travels in a
     * trailer, and a trailer over HTTP/2's header-list limit (8 KiB by default) breaks the call, so a
     * request with hundreds of mistakes would get no answer at all. A last entry says how many more.
     */
    static BadRequest badRequest(List<FieldViolation> violations) {
        BadRequest.Builder badRequest = BadRequest.newBuilder();
        for (int i = 0; i < violations.size(); i++) {
            BadRequest.FieldViolation next = BadRequest.FieldViolation.newBuilder()
                    .setField(violations.get(i).field())
                    .setDescription(violations.get(i).description())
                    .build();
            if (badRequest.build().getSerializedSize() + next.getSerializedSize() > MAX_DETAILS_BYTES) {
                int more = violations.size() - i;
                return badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("")
                        .setDescription("There " + (more == 1 ? "is 1 more problem" : "are " + more + " more problems")
                                + " after these. Fix these, then send the request again to see the rest.")).build();
            }
            badRequest.addFieldViolations(next);
        }
        return badRequest.build();
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
