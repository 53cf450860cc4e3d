package org.chorus.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.ErrorInfo;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;

class GrpcRefusalsTest {

    @Test
    void aRefusalCarriesItsDeclaredReasonInOneErrorInfo() throws Exception {
        StatusException refusal = GrpcRefusals.invalid("MALFORMED_REQUEST", "The request could not be read.");

        com.google.rpc.Status status = StatusProto.fromThrowable(refusal);
        assertThat(status.getDetailsList()).hasSize(1);
        ErrorInfo info = status.getDetails(0).unpack(ErrorInfo.class);
        assertThat(info.getReason()).isEqualTo("MALFORMED_REQUEST");
        assertThat(info.getDomain()).isEqualTo("chorus.org");
    }

    @Test
    void aRefusalWithAReasonTheContractDoesNotDeclareIsRefused() {
        assertThatThrownBy(() -> GrpcRefusals.invalid("MALFORMED_WIDGET", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MALFORMED_WIDGET");
    }
}
