package org.chorus.platform.security;

import io.grpc.ClientInterceptor;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import org.chorus.identity.Caller;
import org.chorus.platform.errors.ChorusException;

/** The caller of the gRPC call being served, put in the call's context by {@link CallerInterceptor}. */
public final class Callers {

    static final Context.Key<Caller> KEY = Context.key("chorus-caller");
    /** The caller's {@code authorization} value as it came (already checked), to relay on their behalf. */
    static final Context.Key<String> AUTHORIZATION = Context.key("chorus-caller-authorization");
    private static final Metadata.Key<String> AUTHORIZATION_HEADER = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private Callers() {
    }

    /**
     * The current caller.
     *
     * @throws ChorusException UNAUTHENTICATED outside a call that passed the interceptor
     */
    public static Caller current() {
        Caller caller = KEY.get();
        if (caller == null) {
            throw ChorusException.unauthenticated("NO_CALLER", "Please sign in.");
        }
        return caller;
    }

    /**
     * For a call this service makes to another on the current caller's behalf: sends their token,
     * so the other service checks the same person's rights (zero trust). Never logged or stored.
     *
     * @throws IllegalStateException outside a call that passed the interceptor
     */
    public static ClientInterceptor relayingTheCaller() {
        String authorization = AUTHORIZATION.get();
        if (authorization == null) {
            throw new IllegalStateException("A caller's token is relayed only within their call");
        }
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION_HEADER, authorization);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }
}
