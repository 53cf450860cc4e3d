package org.chorus.gateway.problem;

import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * A refusal the gateway makes before a call reaches a service ({@code Admission}), worded once for both doors: the
 * JSON door answers it as problem+json, the gRPC door as a {@code google.rpc.Status} with the same reason, sentence
 * and retry delay ({@code GrpcRefusals.of}). It travels as a {@link Refused}.
 *
 * @param problem    as the JSON door answers it, with its headers
 * @param grpcCode   the gRPC door's code
 * @param retryAfter how long to wait before trying again, or {@code null} when waiting does not help
 */
public record Refusal(Problem problem, Status.Code grpcCode, Duration retryAfter) {

    /**
     * The caller holds no role in the commission the call is about. The same answer whether the commission exists
     * or not, so nothing leaks; each service checks again, in more detail.
     */
    public static Refusal notAllowed() {
        return new Refusal(Problem.of(403, "Not allowed", "You do not have permission to do this in this commission.", "NOT_ALLOWED")
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\""), Status.Code.PERMISSION_DENIED, null);
    }

    /** The service the call is for has no address in this gateway's configuration ({@code chorus.gateway.backends}). */
    public static Refusal notConfigured(Duration retryAfter) {
        return new Refusal(Problem.of(503, "Service unavailable",
                "This part of Chorus is not available just now. Try again later.", "SERVICE_NOT_CONFIGURED")
                .withRetryAfter(retryAfter), Status.Code.UNAVAILABLE, retryAfter);
    }

    /** The service's bulkhead is full. */
    public static Refusal busy(String backend) {
        Duration wait = Duration.ofSeconds(1);
        return new Refusal(Problem.of(503, "Service busy",
                "The " + backend + " service is busy just now. Try again in a moment.", "BACKEND_BUSY").withRetryAfter(wait),
                Status.Code.UNAVAILABLE, wait);
    }

    /** The service's circuit breaker is open. */
    public static Refusal circuitOpen(String backend, Duration waitInOpenState) {
        return new Refusal(Problem.of(503, "Service unavailable",
                "The " + backend + " service is not answering just now. Try again in a moment.", "CIRCUIT_OPEN")
                .withRetryAfter(waitInOpenState), Status.Code.UNAVAILABLE, waitInOpenState);
    }

    /**
     * Over the caller's or the commission's limit, with the limit's {@code RateLimit-*} headers.
     *
     * @param scope {@code caller} or {@code commission}
     */
    public static Refusal rateLimited(String scope, Map<String, String> limitHeaders, long resetSeconds) {
        String who = "caller".equals(scope) ? "from you" : "for this commission";
        Duration wait = Duration.ofSeconds(resetSeconds);
        Problem problem = Problem.of(429, "Too many requests",
                "There have been too many requests " + who + ". Wait " + resetSeconds + " seconds and try again.", "RATE_LIMITED")
                .withRetryAfter(wait);
        for (Map.Entry<String, String> header : limitHeaders.entrySet()) {
            problem = problem.withHeader(header.getKey(), header.getValue());
        }
        return new Refusal(problem, Status.Code.RESOURCE_EXHAUSTED, wait);
    }

    /** This refusal, to raise. */
    public Refused refuse() {
        return new Refused(this);
    }
}
