package org.chorus.gateway.transcoding;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import reactor.core.publisher.Mono;

/**
 * Calls one unary RPC without blocking: the gRPC callback completes a {@link Mono}, and a caller that
 * goes away cancels the call. Every call has a deadline and carries the caller's token.
 */
final class UnaryCaller {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

    private final GrpcBackends backends;
    private final Duration timeout;

    UnaryCaller(GrpcBackends backends, Duration timeout) {
        this.backends = backends;
        this.timeout = timeout;
    }

    Mono<DynamicMessage> call(HttpRoute route, DynamicMessage request, String authorization, String requestId) {
        return Mono.create(sink -> {
            Metadata headers = new Metadata();
            if (authorization != null) {
                headers.put(AUTHORIZATION, authorization);
            }
            if (requestId != null) {
                headers.put(REQUEST_ID, requestId);
            }
            ClientCall<DynamicMessage, DynamicMessage> call = ClientInterceptors
                    .intercept(backends.channel(route.backend()), MetadataUtils.newAttachHeadersInterceptor(headers))
                    .newCall(route.grpcMethod(), CallOptions.DEFAULT.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS));
            sink.onCancel(() -> call.cancel("The HTTP caller went away", null));
            ClientCalls.asyncUnaryCall(call, request, new StreamObserver<>() {
                @Override
                public void onNext(DynamicMessage value) {
                    sink.success(value);
                }

                @Override
                public void onError(Throwable error) {
                    sink.error(error);
                }

                @Override
                public void onCompleted() {
                    sink.success();
                }
            });
        });
    }
}
