package org.chorus.gateway.problem;

import io.grpc.Status;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal the gateway makes before a call reaches a service, worded once for both doors: the JSON door answers
 * it as problem+json ({@link #problem()}), the gRPC door as a {@code google.rpc.Status} with the same reason,
 * sentence and retry delay ({@code GrpcRefusals.of}).
 *
 * @param httpStatus the JSON door's status
 * @param grpcCode   the gRPC door's code
 * @param headers    extra HTTP headers of the answer (the gRPC door has {@code RetryInfo} instead)
 */
public record Refusal(int httpStatus, Status.Code grpcCode, String title, String reason, String detail, Duration retryAfter,
                      Map<String, String> headers) {

    /** The service's bulkhead is full. */
    public static Refusal busy(String backend) {
        return new Refusal(503, Status.Code.UNAVAILABLE, "Service busy", "BACKEND_BUSY",
                "The " + backend + " service is busy just now. Try again in a moment.", Duration.ofSeconds(1), Map.of());
    }

    /** The service's circuit breaker is open. */
    public static Refusal circuitOpen(String backend, Duration waitInOpenState) {
        return new Refusal(503, Status.Code.UNAVAILABLE, "Service unavailable", "CIRCUIT_OPEN",
                "The " + backend + " service is not answering just now. Try again in a moment.", waitInOpenState, Map.of());
    }

    /**
     * Over the caller's or the commission's limit, with the limit's {@code RateLimit-*} headers.
     *
     * @param scope {@code caller} or {@code commission}
     */
    public static Refusal rateLimited(String scope, Map<String, String> limitHeaders, long resetSeconds) {
        String who = "caller".equals(scope) ? "from you" : "for this commission";
        return new Refusal(429, Status.Code.RESOURCE_EXHAUSTED, "Too many requests", "RATE_LIMITED",
                "There have been too many requests " + who + ". Wait " + resetSeconds + " seconds and try again.",
                Duration.ofSeconds(resetSeconds), new LinkedHashMap<>(limitHeaders));
    }

    /** As the JSON door answers it. */
    public ProblemException problem() {
        Problem problem = Problem.of(httpStatus, title, detail, reason);
        if (retryAfter != null) {
            problem = problem.withRetryAfter(retryAfter);
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            problem = problem.withHeader(header.getKey(), header.getValue());
        }
        return new ProblemException(problem);
    }
}
