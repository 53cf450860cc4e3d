package org.chorus.console.platform;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Optional;

/**
 * Which refusal the platform gave: the {@code ErrorInfo} reason of its status (a value of the contract's
 * {@code chorus.platform.v1.ErrorReason}, stable for programs to branch on), so a page can turn a refusal it
 * expects into plain words on the form instead of an error page.
 */
public final class Refusals {

    private Refusals() {
    }

    /** The refusal's reason, for example {@code NOTHING_TO_PAY}; empty when it carries none. */
    public static Optional<String> reason(StatusRuntimeException refusal) {
        Status status = StatusProto.fromThrowable(refusal);
        if (status == null) {
            return Optional.empty();
        }
        for (Any detail : status.getDetailsList()) {
            if (detail.is(ErrorInfo.class)) {
                try {
                    return Optional.of(detail.unpack(ErrorInfo.class).getReason());
                } catch (InvalidProtocolBufferException unreadable) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the refusal has the gRPC {@code code} and the contract's {@code reason}. */
    public static boolean is(StatusRuntimeException refusal, io.grpc.Status.Code code, String reason) {
        return refusal.getStatus().getCode() == code && reason(refusal).filter(reason::equals).isPresent();
    }
}
