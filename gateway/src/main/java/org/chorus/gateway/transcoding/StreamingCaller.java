package org.chorus.gateway.transcoding;

import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import org.chorus.gateway.backends.GrpcBackends;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Calls one server-streaming RPC without blocking, as a {@link Flux}: messages are asked of the service only
 * as fast as the HTTP client takes them (gRPC flow control follows the Flux's demand), and a caller that goes
 * away cancels the call. Like {@link UnaryCaller}, every call has a deadline and carries the headers it is given.
 */
final class StreamingCaller {

    private final GrpcBackends backends;

    StreamingCaller(GrpcBackends backends) {
        this.backends = backends;
    }

    Flux<DynamicMessage> call(HttpRoute route, DynamicMessage request, Metadata headers, Deadline deadline) {
        return Flux.create(sink -> {
            ClientCall<DynamicMessage, DynamicMessage> call = backends.channel(route.backend())
                    .newCall(route.grpcMethod(), CallOptions.DEFAULT.withDeadline(deadline));
            call.start(new ClientCall.Listener<>() {
                @Override
                public void onMessage(DynamicMessage message) {
                    sink.next(message);
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    if (status.isOk()) {
                        sink.complete();
                    } else {
                        sink.error(status.asRuntimeException(trailers));
                    }
                }
            }, headers);
            sink.onRequest(n -> call.request((int) Math.min(n, Integer.MAX_VALUE)));
            sink.onCancel(() -> call.cancel("The HTTP caller went away", null));
            call.sendMessage(request);
            call.halfClose();
        }, FluxSink.OverflowStrategy.BUFFER);
    }
}
