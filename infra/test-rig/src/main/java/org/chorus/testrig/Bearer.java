package org.chorus.testrig;

import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

/** Sends an access token with every gRPC call of a stub: {@code stub.withInterceptors(Bearer.token(t))}. */
public final class Bearer {

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private Bearer() {
    }

    public static ClientInterceptor token(String accessToken) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + accessToken);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }
}
