package org.chorus.gateway.grpc;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import org.chorus.contract.ErrorReasons;
import org.chorus.gateway.problem.Refusal;

/**
 * The refusals the gRPC door makes itself, in the services' error language (the platform's
 * {@code ChorusException} as {@code GrpcErrors} writes it): a {@code google.rpc.Status} with a plain sentence
 * and exactly one {@code ErrorInfo} (domain {@code chorus.org}), plus {@code RetryInfo} where waiting helps.
 * The gateway cannot use the platform library itself (a servlet and JDBC library; the gateway is reactive), so
 * the shape is written here once, with the same reasons the services and the JSON door use.
 */
final class GrpcRefusals {

    /** The {@code ErrorInfo} domain of every Chorus error, as in the platform's {@code GrpcErrors}. */
    static final String DOMAIN = "chorus.org";

    private GrpcRefusals() {
    }

    static StatusException unauthenticated(String reason, String message) {
        return refusal(Code.UNAUTHENTICATED, reason, message, null);
    }

    static StatusException invalid(String reason, String message) {
        return refusal(Code.INVALID_ARGUMENT, reason, message, null);
    }

    /** A refusal worded for both doors ({@link Refusal}), as the gRPC door answers it. */
    static StatusException of(Refusal refusal) {
        return refusal(Code.forNumber(refusal.grpcCode().value()), refusal.problem().reason(), refusal.problem().detail(),
                refusal.retryAfter());
    }

    static StatusException unavailable(String reason, String message, Duration retryAfter) {
        return refusal(Code.UNAVAILABLE, reason, message, retryAfter);
    }

    static StatusException deadlineExceeded(String reason, String message) {
        return refusal(Code.DEADLINE_EXCEEDED, reason, message, null);
    }

    static StatusException internal(String message) {
        return refusal(Code.INTERNAL, "INTERNAL", message, null);
    }

    private static StatusException refusal(Code code, String reason, String message, Duration retryAfter) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.getNumber())
                .setMessage(message)
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(ErrorReasons.requireDeclared(reason)).setDomain(DOMAIN).build()));
        if (retryAfter != null) {
            status.addDetails(Any.pack(RetryInfo.newBuilder()
                    .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                            .setSeconds(retryAfter.getSeconds()).setNanos(retryAfter.getNano()))
                    .build()));
        }
        return StatusProto.toStatusException(status.build(), new Metadata());
    }
}
