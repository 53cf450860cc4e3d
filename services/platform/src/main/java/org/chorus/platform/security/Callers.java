package org.chorus.platform.security;

import io.grpc.Context;
import org.chorus.identity.Caller;
import org.chorus.platform.errors.ChorusException;

/** The caller of the gRPC call being served, put in the call's context by {@link CallerInterceptor}. */
public final class Callers {

    static final Context.Key<Caller> KEY = Context.key("chorus-caller");

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
}
