package org.chorus.testrig;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;

/**
 * Checks on a refused gRPC call, in the shape every Chorus service promises: the status code, a
 * plain message with no internals, exactly one {@code ErrorInfo} with its reason and the
 * {@code chorus.org} domain, and the field violations.
 */
public final class GrpcAssertions {

    private GrpcAssertions() {
    }

    /** The call was refused with {@code code} and the {@code ErrorInfo} reason {@code reason}. */
    public static void assertStatus(Throwable refused, Status.Code code, String reason) {
        assertThat(refused).isInstanceOf(StatusRuntimeException.class);
        com.google.rpc.Status status = StatusProto.fromThrowable(refused);
        assertThat(status).as("a google.rpc.Status in the trailers").isNotNull();
        assertThat(status.getCode()).isEqualTo(code.value());
        assertThat(status.getMessage()).isNotBlank().doesNotContain("Exception");
        List<ErrorInfo> infos = details(status, ErrorInfo.class);
        assertThat(infos).singleElement().satisfies(info -> {
            assertThat(info.getReason()).isEqualTo(reason);
            assertThat(info.getDomain()).isEqualTo("chorus.org");
        });
    }

    /** Every field violation the refusal carries. */
    public static List<BadRequest.FieldViolation> violations(Throwable refused) {
        return details(StatusProto.fromThrowable(refused), BadRequest.class).stream()
                .flatMap(badRequest -> badRequest.getFieldViolationsList().stream())
                .toList();
    }

    /** The fields the refusal names, in order. */
    public static List<String> violatedFields(Throwable refused) {
        return violations(refused).stream().map(BadRequest.FieldViolation::getField).toList();
    }

    private static <T extends Message> List<T> details(com.google.rpc.Status status, Class<T> type) {
        return status.getDetailsList().stream().filter(detail -> detail.is(type)).map(detail -> unpack(detail, type)).toList();
    }

    private static <T extends Message> T unpack(Any any, Class<T> type) {
        try {
            return any.unpack(type);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("A status detail that does not parse: " + e.getMessage(), e);
        }
    }
}
