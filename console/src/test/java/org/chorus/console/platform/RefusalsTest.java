package org.chorus.console.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;

class RefusalsTest {

    @Test
    void theReasonIsTheErrorInfos() {
        StatusRuntimeException refusal = refusal(Code.FAILED_PRECONDITION, "NOTHING_TO_PAY");

        assertThat(Refusals.reason(refusal)).contains("NOTHING_TO_PAY");
        assertThat(Refusals.is(refusal, io.grpc.Status.Code.FAILED_PRECONDITION, "NOTHING_TO_PAY")).isTrue();
        assertThat(Refusals.is(refusal, io.grpc.Status.Code.FAILED_PRECONDITION, "PAYOUT_CLOSED")).isFalse();
        assertThat(Refusals.is(refusal, io.grpc.Status.Code.ABORTED, "NOTHING_TO_PAY")).as("the code must match too").isFalse();
    }

    @Test
    void aRefusalWithoutDetailsHasNoReason() {
        assertThat(Refusals.reason(io.grpc.Status.NOT_FOUND.asRuntimeException())).isEmpty();
    }

    private static StatusRuntimeException refusal(Code code, String reason) {
        return StatusProto.toStatusRuntimeException(Status.newBuilder().setCode(code.getNumber()).setMessage("Refused.")
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain("chorus.org").build())).build());
    }
}
