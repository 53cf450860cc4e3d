package org.chorus.system;

import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.chorus.testrig.Bearer;

/** Any RPC of the contract, called from its descriptor alone, as the suites that sweep every RPC do. */
final class DynamicCalls {

    private DynamicCalls() {
    }

    /**
     * Calls {@code method} with {@code request} as the bearer of {@code token} (a stream is read to its end).
     *
     * @throws StatusRuntimeException when the call is refused or fails
     */
    static void call(ManagedChannel channel, MethodDescriptor method, DynamicMessage request, String token) {
        var grpcMethod = io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(method.isServerStreaming() ? MethodType.SERVER_STREAMING : MethodType.UNARY)
                .setFullMethodName(io.grpc.MethodDescriptor.generateFullMethodName(method.getService().getFullName(), method.getName()))
                .setRequestMarshaller(marshaller(method.getInputType()))
                .setResponseMarshaller(marshaller(method.getOutputType()))
                .build();
        var call = ClientInterceptors.intercept(channel, Bearer.token(token));
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
        if (method.isServerStreaming()) {
            ClientCalls.blockingServerStreamingCall(call, grpcMethod, options, request).forEachRemaining(any -> { });
        } else {
            ClientCalls.blockingUnaryCall(call, grpcMethod, options, request);
        }
    }

    /** The route's HTTP verb and path template, or nulls when the RPC has none. */
    static String[] verbAndPath(HttpRule rule) {
        return switch (rule.getPatternCase()) {
            case GET -> new String[] {"GET", rule.getGet()};
            case POST -> new String[] {"POST", rule.getPost()};
            case PATCH -> new String[] {"PATCH", rule.getPatch()};
            case PUT -> new String[] {"PUT", rule.getPut()};
            case DELETE -> new String[] {"DELETE", rule.getDelete()};
            default -> new String[] {null, null};
        };
    }

    private static Marshaller<DynamicMessage> marshaller(Descriptor type) {
        return new Marshaller<>() {
            @Override
            public InputStream stream(DynamicMessage value) {
                return new ByteArrayInputStream(value.toByteArray());
            }

            @Override
            public DynamicMessage parse(InputStream stream) {
                try {
                    return DynamicMessage.parseFrom(type, stream);
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException(e);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
