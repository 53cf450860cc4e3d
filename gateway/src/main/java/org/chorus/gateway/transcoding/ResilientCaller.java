package org.chorus.gateway.transcoding;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.chorus.gateway.GatewayProperties;
import org.chorus.gateway.admission.Admission;
import org.chorus.gateway.admission.BackendPermit;
import org.chorus.gateway.problem.Refused;
import org.chorus.gateway.resilience.BackendGuards;
import org.chorus.gateway.resilience.RetryBudget;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A unary call with the backend's guards around it ({@link Admission#acquire}): the bulkhead (refuses at once when
 * too many calls are in flight) and the circuit breaker, one deadline for the whole call (the route's timeout, sent
 * to the service as the gRPC deadline of each attempt, so retries never stretch it), and the breaker asked again
 * for each repeat.
 * <p>
 * A failed attempt is repeated only when repeating cannot do harm: the route is an HTTP GET, or the
 * request carries a non-empty {@code request_id} (the service then makes the repeat a no-op). Only
 * {@code UNAVAILABLE} is repeated, and {@code DEADLINE_EXCEEDED} for GETs when the service answered it
 * before our own deadline; with full-jitter exponential backoff; within the backend's retry budget. This is
 * the only layer that retries: the services do not retry calls they receive.
 */
final class ResilientCaller {

    private final UnaryCaller unary;
    private final StreamingCaller streaming;
    private final Admission admission;
    private final BackendGuards guards;
    private final GatewayProperties properties;
    private final MeterRegistry meters;
    private final Map<Descriptors.MethodDescriptor, Duration> timeouts = new ConcurrentHashMap<>();

    ResilientCaller(UnaryCaller unary, StreamingCaller streaming, Admission admission, BackendGuards guards,
                    GatewayProperties properties, MeterRegistry meters) {
        this.unary = unary;
        this.streaming = streaming;
        this.admission = admission;
        this.guards = guards;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * The route's deadline: {@code chorus.gateway.routes.<method|service|backend>.timeout}, else the default
     * (for a server stream, the default stream timeout).
     */
    Duration timeoutOf(HttpRoute route) {
        return timeouts.computeIfAbsent(route.method(), method -> properties.timeoutOf(
                route.grpcMethod().getFullMethodName(), method.getService().getFullName(), route.backend(),
                method.isServerStreaming()));
    }

    /**
     * A server-streaming call with the same guards as a unary one: the bulkhead's place is held and the
     * breaker's verdict given when the stream ends; one deadline (the route's) covers the whole stream. A stream
     * is never repeated: once messages have gone to the caller, a repeat would send them twice.
     */
    Flux<DynamicMessage> stream(HttpRoute route, DynamicMessage request, Metadata headers) {
        return Flux.defer(() -> {
            BackendPermit permit = admission.acquire(route.backend());
            Deadline deadline = Deadline.after(timeoutOf(route).toNanos(), TimeUnit.NANOSECONDS);
            long start = System.nanoTime();
            return streaming.call(route, request, headers, deadline)
                    .doOnComplete(() -> permit.succeeded(System.nanoTime() - start))
                    .doOnError(error -> permit.failed(System.nanoTime() - start, error))
                    .doFinally(signal -> permit.release());
        });
    }

    Mono<DynamicMessage> call(HttpRoute route, DynamicMessage request, Metadata headers) {
        return Mono.defer(() -> {
            BackendPermit permit = admission.acquire(route.backend());
            Deadline deadline = Deadline.after(timeoutOf(route).toNanos(), TimeUnit.NANOSECONDS);
            RetryBudget budget = guards.retryBudget(route.backend());
            budget.recordCall();
            boolean safe = isSafeToRepeat(route, request);
            return attempt(route, request, headers, deadline, safe, budget, permit, 1)
                    .doFinally(signal -> permit.release());
        });
    }

    /** One attempt under the permit's breaker permission (the first comes with the permit; a repeat asks again). */
    private Mono<DynamicMessage> attempt(HttpRoute route, DynamicMessage request, Metadata headers, Deadline deadline,
                                         boolean safe, RetryBudget budget, BackendPermit permit, int attempt) {
        return Mono.defer(() -> {
            if (attempt > 1) {
                permit.nextAttempt();
            }
            long start = System.nanoTime();
            // Not-a-backend-failure codes (NOT_FOUND, INVALID_ARGUMENT, …) count as successes.
            return unary.call(route, request, headers, deadline)
                    .doOnSuccess(value -> permit.succeeded(System.nanoTime() - start))
                    .doOnError(error -> permit.failed(System.nanoTime() - start, error));
        }).onErrorResume(error -> {
            if (error instanceof Refused || attempt >= guards.settings().maxAttempts()
                    || !isRetryable(error, route, safe, deadline)) {
                return Mono.error(error);
            }
            Duration backoff = backoff(attempt);
            if (deadline.timeRemaining(TimeUnit.NANOSECONDS) <= backoff.toNanos() || !budget.tryRetry()) {
                return Mono.error(error);
            }
            Counter.builder("chorus.gateway.retries")
                    .description("Calls to a backend repeated by the gateway")
                    .tag("backend", route.backend())
                    .register(meters)
                    .increment();
            return Mono.delay(backoff).then(attempt(route, request, headers, deadline, safe, budget, permit, attempt + 1));
        });
    }

    private static boolean isRetryable(Throwable error, HttpRoute route, boolean safe, Deadline deadline) {
        if (!safe) {
            return false;
        }
        Status.Code code = Status.fromThrowable(error).getCode();
        return code == Status.Code.UNAVAILABLE
                || (code == Status.Code.DEADLINE_EXCEEDED && route.httpMethod().equals(HttpMethod.GET) && !deadline.isExpired());
    }

    /** Full jitter: a random wait between zero and {@code initial × 2^(attempt-1)}, capped. */
    private Duration backoff(int attempt) {
        long initial = guards.settings().initialBackoff().toNanos();
        long cap = guards.settings().maxBackoff().toNanos();
        long ceiling = Math.min(cap, initial << Math.min(attempt - 1, 20));
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(Math.max(1, ceiling) + 1));
    }

    static boolean isSafeToRepeat(HttpRoute route, DynamicMessage request) {
        if (route.httpMethod().equals(HttpMethod.GET)) {
            return true;
        }
        Descriptors.FieldDescriptor requestId = request.getDescriptorForType().findFieldByName("request_id");
        return requestId != null
                && requestId.getJavaType() == Descriptors.FieldDescriptor.JavaType.STRING
                && !requestId.isRepeated()
                && !((String) request.getField(requestId)).isBlank();
    }
}
