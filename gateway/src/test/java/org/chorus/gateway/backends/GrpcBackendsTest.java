package org.chorus.gateway.backends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every call started on a backend's channel is one attempt counted for that backend, a failed one included. */
class GrpcBackendsTest {

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MethodDescriptor<byte[], byte[]> METHOD = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("chorus.test.v1.Test/Call")
            .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();

    @Test
    void eachCallToABackendIsAnAttemptCountedForIt() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        GrpcBackends backends = new GrpcBackends(Map.of("payments", "127.0.0.1:1", "commissions", "127.0.0.1:1"), meters);
        try {
            for (int i = 0; i < 3; i++) {
                StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(
                        backends.channel("payments"), METHOD, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), new byte[0]));
                assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            }

            assertThat(meters.get("chorus.gateway.backend.attempts").tag("backend", "payments").counter().count()).isEqualTo(3);
            assertThat(meters.get("chorus.gateway.backend.attempts").tag("backend", "commissions").counter().count()).isZero();
        } finally {
            backends.destroy();
        }
    }
}
