package org.chorus.gateway.transcoding;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import io.grpc.MethodDescriptor;

import org.springframework.http.HttpMethod;

/**
 * One HTTP binding of one RPC, for example the POST of {@code …:approve} that calls
 * {@code chorus.payments.v1.PaymentsService/ApproveClaim}.
 *
 * @param httpMethod   the HTTP verb
 * @param template     the path template
 * @param method       the RPC
 * @param body         {@code "*"} (the whole request), a field path (that field), or empty (no body)
 * @param responseBody a field of the response to answer with instead of the whole response, or empty
 * @param backend      the service that serves it: the second part of the proto package
 * @param grpcMethod   the gRPC method to call, marshalling {@link DynamicMessage}s
 */
public record HttpRoute(HttpMethod httpMethod, PathTemplate template, Descriptors.MethodDescriptor method,
                        String body, String responseBody, String backend,
                        MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod) {

    public boolean hasBody() {
        return !body.isEmpty();
    }

    /** Unary methods answer one JSON document; server streams answer NDJSON or server-sent events. */
    public boolean isUnary() {
        return !method.isClientStreaming() && !method.isServerStreaming();
    }

    /** For logs: {@code POST /v1/commissions}. */
    public String describe() {
        return httpMethod.name() + " " + template;
    }
}
