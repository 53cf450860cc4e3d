package org.chorus.platform.requests;

import io.grpc.Metadata;
import org.chorus.platform.errors.ChorusException;

/** The caller's {@code authorization} on a gRPC call, read the one way the gateway's door and every service read it. */
public final class Authorizations {

    /** The header, as gRPC names it. */
    public static final Metadata.Key<String> HEADER = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private Authorizations() {
    }

    /**
     * The call's one {@code authorization} value, or null when it sent none.
     *
     * @throws ChorusException UNAUTHENTICATED ({@code INVALID_TOKEN}) when it sent two or more: which one
     *                         would count is not something to guess
     */
    public static String only(Metadata headers) {
        Iterable<String> all = headers.getAll(HEADER);
        String only = null;
        if (all != null) {
            for (String value : all) {
                if (only != null) {
                    throw ChorusException.unauthenticated("INVALID_TOKEN", "Send one access token, in one authorization header.");
                }
                only = value;
            }
        }
        return only;
    }
}
