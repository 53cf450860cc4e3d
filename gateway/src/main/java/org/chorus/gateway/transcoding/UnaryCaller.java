package org.chorus.gateway.transcoding;

import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.chorus.gateway.backends.GrpcBackends;
import reactor.core.publisher.Mono;

/**
 * Calls one unary RPC without blocking: the gRPC callback completes a {@link Mono}, and a caller that
 * goes away cancels the call. Every call has a deadline (sent to the service as the gRPC deadline) and
 * carries the headers it is given (the caller's token, the request id, the trace context).
 */
final class UnaryCaller {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

    private final GrpcBackends backends;

    UnaryCaller(GrpcBackends backends) {
        this.backends = backends;
    }

    Mono<DynamicMessage> call(HttpRoute route, DynamicMessage request, Metadata headers, Deadline deadline) {
        return Mono.create(sink -> {
            ClientCall<DynamicMessage, DynamicMessage> call = ClientInterceptors
                    .intercept(backends.channel(route.backend()), MetadataUtils.newAttachHeadersInterceptor(headers))
                    .newCall(route.grpcMethod(), CallOptions.DEFAULT.withDeadline(deadline));
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
