package org.chorus.platform.security;

import com.google.protobuf.Message;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusException;
import java.util.Set;
import org.chorus.identity.Caller;
import org.chorus.identity.KeycloakCallers;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.grpc.GrpcErrors;
import org.chorus.platform.names.RequestCommission;
import org.chorus.platform.requests.Authorizations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Zero trust at every service: each call's token is validated again (the gateway is not the only
 * guard), turned into a {@link Caller}, and checked against the access the contract declares on the
 * method ({@link DeclaredAccess}). A method with none is refused (and {@link DeclaredAccessCheck}
 * keeps such a service from starting). Health and reflection stay open, for probes and tools.
 */
public final class CallerInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION = Authorizations.HEADER;
    static final Set<String> OPEN_SERVICES = Set.of(
            "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");
    private static final Logger log = LoggerFactory.getLogger(CallerInterceptor.class);

    private final JwtDecoder tokens;

    public CallerInterceptor(JwtDecoder tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (OPEN_SERVICES.contains(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        try {
            // Who first: an unknown caller learns nothing about which methods are open.
            String authorization = Authorizations.only(headers);
            Caller caller = authenticate(authorization);
            DeclaredAccess rule = DeclaredAccess.of(call.getMethodDescriptor()).orElseThrow(() -> {
                log.warn("Refused a call to {}: the contract declares no access for it", method);
                return ChorusException.permissionDenied("METHOD_CLOSED", "This action is not open to anyone yet.");
            });
            Context context = Context.current().withValue(Callers.KEY, caller).withValue(Callers.AUTHORIZATION, authorization);
            if (!rule.needsCommission()) {
                check(rule, caller, null);
                return Contexts.interceptCall(context, call, headers, next);
            }
            // The rule needs the request: ask for it now, and start the handler once it is allowed.
            call.request(1);
            return new CommissionCheck<>(call, headers, next, context, rule, caller);
        } catch (ChorusException refused) {
            close(call, refused);
            return new ServerCall.Listener<>() { };
        }
    }

    private Caller authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ChorusException.unauthenticated("SIGN_IN_NEEDED", "Please sign in: this call needs an access token.");
        }
        try {
            Jwt jwt = tokens.decode(authorization.substring(7).strip());
            return KeycloakCallers.from(jwt);
        } catch (JwtException | IllegalArgumentException invalid) {
            // The reason helps operators; the token itself is never logged.
            log.debug("Refused a token: {}", invalid.getMessage());
            throw ChorusException.unauthenticated("INVALID_TOKEN", "Your access token is not valid or has expired. Please sign in again.");
        }
    }

    private static void check(DeclaredAccess rule, Caller caller, String commissionId) {
        if (!rule.allows(caller, commissionId)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", commissionId == null
                    ? "You do not have permission to do this."
                    : "You do not have permission to do this in this commission.");
        }
    }

    /**
     * The commission named in a request ({@link RequestCommission}), as written; the service checks the whole name.
     * Null for a request about the whole network, which only callers allowed network-wide may make.
     */
    static String commissionOf(Object request) {
        RequestCommission named = request instanceof Message message ? RequestCommission.of(message).orElse(null) : null;
        if (named == null) {
            throw new IllegalStateException("An access rule about a commission is set on a method whose request names none");
        }
        if (named.aboutTheNetwork()) {
            return null;
        }
        if (named.commission() == null) {
            throw ChorusException.invalid("INVALID_NAME", named.field(), "The " + named.field()
                    + " must start with \"commissions/\" and the commission's id, for example \"commissions/leeds\".");
        }
        return named.commission();
    }

    private static void close(ServerCall<?, ?> call, ChorusException refused) {
        StatusException status = GrpcErrors.toStatusException(refused);
        call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
    }

    /** Holds the call until its one request arrives, then lets it through only if the rule allows. */
    private static final class CommissionCheck<Q, R> extends ServerCall.Listener<Q> {
        private final ServerCall<Q, R> call;
        private final Metadata headers;
        private final ServerCallHandler<Q, R> next;
        private final Context context;
        private final DeclaredAccess rule;
        private final Caller caller;
        private ServerCall.Listener<Q> delegate;
        private boolean refused;

        CommissionCheck(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next, Context context,
                        DeclaredAccess rule, Caller caller) {
            this.call = call;
            this.headers = headers;
            this.next = next;
            this.context = context;
            this.rule = rule;
            this.caller = caller;
        }

        @Override
        public void onMessage(Q message) {
            if (refused) {
                return;
            }
            if (delegate == null) {
                try {
                    check(rule, caller, commissionOf(message));
                } catch (ChorusException e) {
                    refused = true;
                    close(call, e);
                    return;
                }
                delegate = Contexts.interceptCall(context, call, headers, next);
                delegate.onReady();
            }
            delegate.onMessage(message);
        }

        @Override
        public void onHalfClose() {
            if (delegate != null) {
                delegate.onHalfClose();
            } else if (!refused) {
                refused = true;
                close(call, ChorusException.invalid("NO_REQUEST", "request", "The call ended before its request was sent."));
            }
        }

        @Override
        public void onCancel() {
            if (delegate != null) {
                delegate.onCancel();
            }
        }

        @Override
        public void onComplete() {
            if (delegate != null) {
                delegate.onComplete();
            }
        }

        @Override
        public void onReady() {
            if (delegate != null) {
                delegate.onReady();
            }
        }
    }
}
