package org.chorus.gateway.grpc;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.grpc.StatusException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.chorus.gateway.GatewayProperties;
import org.chorus.gateway.admission.Admission;
import org.chorus.gateway.admission.BackendPermit;
import org.chorus.gateway.backends.GrpcBackends;
import org.chorus.gateway.context.RequestIds;
import org.chorus.gateway.context.TraceContext;
import org.chorus.gateway.context.Traces;
import org.chorus.gateway.problem.Refused;
import org.chorus.gateway.resilience.BackendGuards;
import org.chorus.identity.Caller;
import org.chorus.identity.KeycloakCallers;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.names.RequestCommission;
import org.chorus.platform.requests.Authorizations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Forwards one call of one RPC, any kind (unary or streaming), to its service as raw bytes, with the JSON
 * door's checks in the same order:
 * <ol>
 *   <li>the {@code authorization} metadata must be a bearer token that the same decoder and token rule as the
 *       JSON door accept ({@code UNAUTHENTICATED} otherwise);</li>
 *   <li>the first request message is parsed with the method's descriptor, and the commission it names read with
 *       the platform's resource names ({@code RequestCommission}: {@code name}, {@code parent}, or the
 *       {@code name} of the resource it carries);</li>
 *   <li>the {@link Admission}, as at the JSON door: the commission guard ({@code PERMISSION_DENIED}, whether the
 *       commission exists or not), the caller's and the commission's rate limits ({@code RESOURCE_EXHAUSTED} with
 *       {@code RetryInfo}), the backend's bulkhead and circuit breaker ({@code UNAVAILABLE} with
 *       {@code RetryInfo}).</li>
 * </ol>
 * Then the call goes to the service with the client's deadline, or the route's time limit when the client
 * set none, and the caller's token, the request id and the trace context as metadata. Whatever the service
 * answers comes back untouched, its {@code google.rpc.Status} details included. Calls are not retried here:
 * messages may already have reached the client. A client that goes away cancels the call to the service.
 */
final class GrpcForwarder implements ServerCallHandler<byte[], byte[]> {

    static final Metadata.Key<String> AUTHORIZATION = Authorizations.HEADER;
    static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

    static final Metadata.Key<byte[]> STATUS_DETAILS = Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

    private static final Logger ACCESS_LOG = LoggerFactory.getLogger("org.chorus.gateway.access");
    private static final Logger log = LoggerFactory.getLogger(GrpcForwarder.class);
    private static final Duration TOKEN_CHECK_LIMIT = Duration.ofSeconds(10);

    private final ContractMethods.ContractMethod method;
    private final Door door;
    private final Duration timeout;

    /** What every forwarded call shares. */
    record Door(GrpcBackends backends, Admission admission, ReactiveJwtDecoder tokens,
                GatewayProperties properties, MeterRegistry meters, Traces traces) {
    }

    GrpcForwarder(ContractMethods.ContractMethod method, Door door) {
        this.method = method;
        this.door = door;
        this.timeout = door.properties().timeoutOf(method.grpc().getFullMethodName(),
                method.method().getService().getFullName(), method.backend(), method.method().isServerStreaming());
    }

    @Override
    public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> incoming, Metadata headers) {
        String requestId = RequestIds.acceptOrCreate(headers.get(REQUEST_ID));
        TraceContext trace = door.traces().start(method.grpc().getFullMethodName(),
                name -> headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER)));
        Recorded call = new Recorded(incoming, requestId, trace, System.nanoTime());
        // The client's deadline is kept; without one, the route's time limit applies.
        Deadline clientDeadline = Context.current().getDeadline();
        Deadline deadline = clientDeadline != null ? clientDeadline : Deadline.after(timeout.toNanos(), TimeUnit.NANOSECONDS);
        String authorization;
        try {
            authorization = oneAuthorization(headers);
            bearer(authorization);
        } catch (StatusException refused) {
            call.refuse(refused);
            return new ServerCall.Listener<>() { };
        }
        Metadata outgoing = new Metadata();
        outgoing.put(AUTHORIZATION, authorization);
        outgoing.put(REQUEST_ID, requestId);
        trace.forEachHeader((name, value) -> outgoing.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
        // The token is checked without holding this thread: the answer may need the issuer's keys, fetched by HTTP.
        Mono<Caller> caller = authenticate(authorization, call).cache();
        Forwarding forwarding = new Forwarding(call, caller, outgoing, deadline);
        caller.subscribe(known -> { }, forwarding::refuse);
        call.request(1);
        return forwarding;
    }

    private static String oneAuthorization(Metadata headers) throws StatusException {
        try {
            return Authorizations.only(headers);
        } catch (ChorusException two) {
            throw GrpcRefusals.unauthenticated(two.reason(), two.getMessage());
        }
    }

    private static void bearer(String authorization) throws StatusException {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw GrpcRefusals.unauthenticated("SIGN_IN_NEEDED", "Please sign in: this call needs an access token.");
        }
    }

    /** The caller the token names, or the refusal ({@link StatusException}) to answer with. */
    private Mono<Caller> authenticate(String authorization, Recorded call) {
        return door.tokens().decode(authorization.substring(7).strip())
                .switchIfEmpty(Mono.error(() -> new BadJwtException("no token")))
                .timeout(TOKEN_CHECK_LIMIT, Mono.error(() -> new IllegalStateException("the token check took too long")))
                .map(KeycloakCallers::from)
                .onErrorMap(error -> !(error instanceof StatusException), error -> tokenRefusal(error, call));
    }

    private StatusException tokenRefusal(Throwable error, Recorded call) {
        if (error instanceof BadJwtException || error instanceof IllegalArgumentException) {
            // The reason helps operators; the token itself is never logged.
            call.describe(log.atDebug()).log("Refused a token at the gRPC door: {}", error.getMessage());
            return GrpcRefusals.unauthenticated("INVALID_TOKEN", "Your access token is not valid or has expired. Please sign in again.");
        }
        call.describe(log.atWarn()).log("Tokens cannot be checked just now: {}", error.toString());
        return GrpcRefusals.unavailable("IDENTITY_PROVIDER_UNAVAILABLE",
                "Sign-in checks are not working just now. Try again in a moment.", door.properties().retryAfter());
    }

    /**
     * The commission a request is about: its {@code name} or {@code parent}, or the {@code name} of the resource
     * it carries (an update), when that starts with {@code commissions/}; otherwise none (the request is not about
     * one commission, and the service decides).
     */
    static String commissionOf(Message request) {
        return RequestCommission.of(request).map(RequestCommission::commission).orElse(null);
    }

    /**
     * Lets the call through the admission ({@link Admission#admit}): the permit to hold until the call ends, or the
     * refusal ({@link StatusException}).
     */
    private Mono<BackendPermit> admit(byte[] firstRequest, Caller caller) {
        DynamicMessage request;
        try {
            request = DynamicMessage.parseFrom(method.method().getInputType(), firstRequest, ExtensionRegistry.getEmptyRegistry());
        } catch (InvalidProtocolBufferException e) {
            return Mono.error(GrpcRefusals.invalid("MALFORMED_REQUEST",
                    "The request could not be read as a " + method.method().getInputType().getName() + ". Check it and send it again."));
        }
        return door.admission().admit(caller, commissionOf(request), method.backend(), method.grpc().getFullMethodName())
                .onErrorMap(Refused.class, refused -> GrpcRefusals.of(refused.refusal()));
    }

    private StatusException hopFailure(Status.Code code) {
        String service = "The " + method.backend() + " service";
        return switch (code) {
            case UNAVAILABLE -> GrpcRefusals.unavailable("BACKEND_UNAVAILABLE",
                    service + " cannot be reached just now. Try again in a moment.", door.properties().retryAfter());
            case DEADLINE_EXCEEDED -> GrpcRefusals.deadlineExceeded("BACKEND_TIMEOUT",
                    service + " took too long to answer. Try again in a moment.");
            default -> GrpcRefusals.internal("Something went wrong on our side. Try again later; if it keeps happening, "
                    + "tell us the request id.");
        };
    }

    /** The incoming call, closed exactly once, with one access-log line and one timer sample. */
    private final class Recorded extends ForwardingServerCall.SimpleForwardingServerCall<byte[], byte[]> {
        private final String requestId;
        private final TraceContext trace;
        private final long start;
        private final AtomicBoolean finished = new AtomicBoolean();

        Recorded(ServerCall<byte[], byte[]> call, String requestId, TraceContext trace, long start) {
            super(call);
            this.requestId = requestId;
            this.trace = trace;
            this.start = start;
        }

        @Override
        public void sendHeaders(Metadata headers) {
            headers.removeAll(REQUEST_ID);
            headers.put(REQUEST_ID, requestId);
            super.sendHeaders(headers);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (finished.compareAndSet(false, true)) {
                trailers.removeAll(REQUEST_ID);
                trailers.put(REQUEST_ID, requestId);
                record(status.getCode());
            }
            super.close(status, trailers);
        }

        /** This call's request, trace and span ids on a log line. */
        LoggingEventBuilder describe(LoggingEventBuilder line) {
            return trace.describe(line, requestId);
        }

        void refuse(StatusException refused) {
            close(refused.getStatus(), refused.getTrailers() == null ? new Metadata() : refused.getTrailers());
        }

        /** The client went away before the call was closed. */
        void cancelled() {
            if (finished.compareAndSet(false, true)) {
                record(Status.Code.CANCELLED);
            }
        }

        private void record(Status.Code code) {
            long nanos = System.nanoTime() - start;
            Timer.builder("chorus.gateway.grpc.requests")
                    .description("Calls through the gateway's gRPC door, by method, status code and backend")
                    .tag("door", "grpc")
                    .tag("method", method.grpc().getFullMethodName())
                    .tag("code", code.name())
                    .tag("backend", method.backend())
                    .publishPercentileHistogram()
                    .register(door.meters())
                    .record(nanos, TimeUnit.NANOSECONDS);
            if (ACCESS_LOG.isInfoEnabled()) {
                describe(ACCESS_LOG.atInfo())
                        .addKeyValue("rpc.system", "grpc")
                        .addKeyValue("rpc.method", method.grpc().getFullMethodName())
                        .addKeyValue("rpc.grpc.status_code", code.value())
                        .addKeyValue("event.duration_ms", nanos / 1_000_000)
                        .log("grpc {} {} {}ms {}", method.grpc().getFullMethodName(), code, nanos / 1_000_000, requestId);
            }
            trace.end(method.grpc().getFullMethodName(), code.name());
        }
    }

    /**
     * One call in flight: the client's messages go to the service and the service's answers come back, each side
     * asking for the next message only when the other side can take it (flow control both ways). The first message
     * waits for the caller's admission, which may finish on another thread; every step that touches the call's
     * state holds this object's lock.
     */
    private final class Forwarding extends ServerCall.Listener<byte[]> {
        private final Recorded incoming;
        private final Mono<Caller> caller;
        private final Metadata outgoing;
        private final Deadline deadline;
        private ClientCall<byte[], byte[]> outgoingCall;
        private Answers answers;
        private boolean admitting;
        private boolean halfClosedEarly;
        private boolean closed;
        private boolean needToRequest;

        Forwarding(Recorded incoming, Mono<Caller> caller, Metadata outgoing, Deadline deadline) {
            this.incoming = incoming;
            this.caller = caller;
            this.outgoing = outgoing;
            this.deadline = deadline;
        }

        @Override
        public void onMessage(byte[] message) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (outgoingCall != null) {
                    outgoingCall.sendMessage(message);
                    requestNext();
                    return;
                }
                if (admitting) {
                    return;
                }
                admitting = true;
            }
            caller.flatMap(known -> admit(message, known))
                    .subscribe(permit -> start(message, permit), this::refuse);
        }

        /** Admitted: calls the service with the first message, unless the client went away meanwhile. */
        private synchronized void start(byte[] first, BackendPermit permit) {
            if (closed) {
                permit.release();
                return;
            }
            try {
                outgoingCall = door.backends().channel(method.backend())
                        .newCall(method.grpc(), CallOptions.DEFAULT.withDeadline(deadline));
            } catch (RuntimeException stopping) {
                permit.release();
                throw stopping;
            }
            answers = new Answers(incoming, outgoingCall, this, permit);
            outgoingCall.start(answers, outgoing);
            outgoingCall.request(1);
            outgoingCall.sendMessage(first);
            if (halfClosedEarly) {
                outgoingCall.halfClose();
            } else {
                requestNext();
            }
        }

        private void requestNext() {
            if (outgoingCall.isReady()) {
                incoming.request(1);
            } else {
                needToRequest = true;
            }
        }

        /** Refuses the call, once, with {@code error}'s status (a {@link StatusException}, else INTERNAL). */
        synchronized void refuse(Throwable error) {
            if (closed || outgoingCall != null) {
                return;
            }
            closed = true;
            if (error instanceof StatusException refusal) {
                incoming.refuse(refusal);
            } else {
                incoming.describe(log.atError()).setCause(error).log("Admitting a call to {} failed", method.grpc().getFullMethodName());
                incoming.refuse(GrpcRefusals.internal("Something went wrong on our side. Try again later; if it keeps happening, "
                        + "tell us the request id."));
            }
        }

        @Override
        public synchronized void onHalfClose() {
            if (outgoingCall != null) {
                outgoingCall.halfClose();
            } else if (admitting) {
                halfClosedEarly = true;
            } else if (!closed) {
                closed = true;
                incoming.refuse(GrpcRefusals.invalid("NO_REQUEST", "The call ended before its request was sent."));
            }
        }

        @Override
        public void onCancel() {
            incoming.cancelled();
            synchronized (this) {
                closed = true;
                if (outgoingCall != null) {
                    outgoingCall.cancel("The caller went away", null);
                }
            }
        }

        @Override
        public void onReady() {
            Answers current;
            synchronized (this) {
                current = answers;
            }
            if (current != null) {
                current.onIncomingReady();
            }
        }

        /** The service can take another message: ask the client for one if we held back. */
        synchronized void onOutgoingReady() {
            if (needToRequest) {
                incoming.request(1);
                needToRequest = false;
            }
        }
    }

    /** The service's side of a call: its headers, messages and status, passed back to the client. */
    private final class Answers extends ClientCall.Listener<byte[]> {
        private final Recorded incoming;
        private final ClientCall<byte[], byte[]> outgoingCall;
        private final Forwarding requests;
        private final long start = System.nanoTime();
        private final BackendPermit permit;
        private boolean needToRequest;

        Answers(Recorded incoming, ClientCall<byte[], byte[]> outgoingCall, Forwarding requests, BackendPermit permit) {
            this.incoming = incoming;
            this.outgoingCall = outgoingCall;
            this.requests = requests;
            this.permit = permit;
        }

        @Override
        public void onHeaders(Metadata headers) {
            incoming.sendHeaders(headers);
        }

        @Override
        public void onMessage(byte[] message) {
            incoming.sendMessage(message);
            synchronized (this) {
                if (incoming.isReady()) {
                    outgoingCall.request(1);
                } else {
                    needToRequest = true;
                }
            }
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            long nanos = System.nanoTime() - start;
            boolean backendFailure = BackendGuards.isBackendFailure(status.asRuntimeException());
            if (backendFailure) {
                permit.failed(nanos, status.asRuntimeException());
                if (status.getCode() == Status.Code.UNAVAILABLE) {
                    door.backends().nudgeReconnect(method.backend());
                }
            } else {
                permit.succeeded(nanos);
            }
            permit.release();
            if (!trailers.containsKey(STATUS_DETAILS) && backendFailure) {
                // Not the service's own answer (it writes details) but the hop to it: say so in plain words,
                // without transport internals.
                incoming.describe(log.atWarn())
                        .log("{} failed at the gRPC door with {}: {}", method.grpc().getFullMethodName(), status.getCode(), status.getDescription());
                incoming.refuse(hopFailure(status.getCode()));
                return;
            }
            incoming.close(status, trailers);
        }

        @Override
        public void onReady() {
            requests.onOutgoingReady();
        }

        /** The client can take another message: ask the service for one if we held back. */
        synchronized void onIncomingReady() {
            if (needToRequest) {
                outgoingCall.request(1);
                needToRequest = false;
            }
        }
    }
}
