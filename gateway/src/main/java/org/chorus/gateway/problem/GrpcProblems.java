package org.chorus.gateway.problem;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.chorus.platform.v1.ErrorReason;

/**
 * Turns a gRPC error from a service into a {@link Problem}: the status from the gRPC code (the
 * {@code google.rpc.Code} mapping), the detail from the status message (services write it as a sentence
 * a person can act on), the reason from {@code ErrorInfo}, field violations from {@code BadRequest}.
 * Transport failures (nothing from the service itself) get the gateway's own words, never internals.
 */
public final class GrpcProblems {

    private GrpcProblems() {
    }

    /**
     * @param error      what the call failed with
     * @param backend    the service's short name, for the wording of transport failures
     * @param retryAfter what to say in {@code Retry-After} when the service is unavailable
     */
    public static Problem toProblem(Throwable error, String backend, Duration retryAfter) {
        Status status = Status.fromThrowable(error);
        com.google.rpc.Status rich = StatusProto.fromThrowable(error);
        String reason = null;
        List<Problem.FieldViolation> violations = new ArrayList<>();
        Duration retryDelay = null;
        if (rich != null) {
            for (Any detail : rich.getDetailsList()) {
                try {
                    if (detail.is(ErrorInfo.class) && reason == null) {
                        reason = detail.unpack(ErrorInfo.class).getReason();
                    } else if (detail.is(BadRequest.class)) {
                        for (BadRequest.FieldViolation v : detail.unpack(BadRequest.class).getFieldViolationsList()) {
                            violations.add(new Problem.FieldViolation(v.getField(), v.getDescription()));
                        }
                    } else if (detail.is(RetryInfo.class)) {
                        com.google.protobuf.Duration d = detail.unpack(RetryInfo.class).getRetryDelay();
                        retryDelay = Duration.ofSeconds(d.getSeconds(), d.getNanos());
                    }
                } catch (InvalidProtocolBufferException ignored) {
                    // A detail that does not parse is left out; the status itself still stands.
                }
            }
        }
        Status.Code code = status.getCode();
        int httpStatus = httpStatus(code);
        // StatusProto makes a Status even from a bare transport error; only one with details is the service's own.
        boolean fromService = rich != null && rich.getDetailsCount() > 0;
        String detail = detail(status, fromService, backend);
        if (reason == null && !fromService) {
            reason = switch (code) {
                case UNAVAILABLE -> ErrorReason.BACKEND_UNAVAILABLE.name();
                case DEADLINE_EXCEEDED -> ErrorReason.BACKEND_TIMEOUT.name();
                default -> null;
            };
        }
        Problem problem = new Problem(httpStatus, title(code), detail, reason, violations, new org.springframework.http.HttpHeaders());
        if (code == Status.Code.UNAVAILABLE || retryDelay != null) {
            problem = problem.withRetryAfter(retryDelay != null ? retryDelay : retryAfter);
        }
        return problem;
    }

    /** The HTTP status for a gRPC code, as {@code google.rpc.Code} documents it. */
    public static int httpStatus(Status.Code code) {
        return switch (code) {
            case OK -> 200;
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case RESOURCE_EXHAUSTED -> 429;
            case CANCELLED -> 499;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case DEADLINE_EXCEEDED -> 504;
            case UNKNOWN, INTERNAL, DATA_LOSS -> 500;
        };
    }

    static String title(Status.Code code) {
        return switch (code) {
            case OK -> "OK";
            case INVALID_ARGUMENT, OUT_OF_RANGE -> "Request not valid";
            case FAILED_PRECONDITION -> "Not possible now";
            case UNAUTHENTICATED -> "Sign-in needed";
            case PERMISSION_DENIED -> "Not allowed";
            case NOT_FOUND -> "Not found";
            case ALREADY_EXISTS -> "Already exists";
            case ABORTED -> "Changed by someone else";
            case RESOURCE_EXHAUSTED -> "Too many requests";
            case CANCELLED -> "Request cancelled";
            case UNIMPLEMENTED -> "Not available yet";
            case UNAVAILABLE -> "Service unavailable";
            case DEADLINE_EXCEEDED -> "Took too long";
            case UNKNOWN, INTERNAL, DATA_LOSS -> "Something went wrong";
        };
    }

    private static String detail(Status status, boolean fromService, String backend) {
        String description = status.getDescription();
        // A status with rich details was written by a service on purpose; so, on the whole, were client
        // errors with a message. Server-side failures without details may carry transport internals.
        boolean clientError = httpStatus(status.getCode()) < 500;
        if (description != null && !description.isBlank() && (fromService || clientError)) {
            return description;
        }
        String service = backend == null ? "A Chorus service" : "The " + backend + " service";
        return switch (status.getCode()) {
            case UNAVAILABLE -> service + " cannot be reached just now. Try again in a moment.";
            case DEADLINE_EXCEEDED -> service + " took too long to answer. Try again in a moment.";
            case CANCELLED -> "The request was cancelled before it finished.";
            case UNIMPLEMENTED -> service + " does not offer this yet.";
            case UNAUTHENTICATED -> "Sign in and send your access token.";
            case PERMISSION_DENIED -> "You are not allowed to do this.";
            case NOT_FOUND -> "What you asked for was not found.";
            case RESOURCE_EXHAUSTED -> "Too many requests. Wait a moment and try again.";
            default -> "Something went wrong on our side. Try again later; if it keeps happening, tell us the request id.";
        };
    }
}
