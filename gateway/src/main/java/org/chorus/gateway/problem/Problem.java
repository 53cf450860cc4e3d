package org.chorus.gateway.problem;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.chorus.contract.ErrorReasons;
import org.springframework.http.HttpHeaders;

/**
 * One error, in the shape of RFC 9457 {@code application/problem+json}: the only error language the
 * gateway speaks, whether the error comes from a service or from the gateway itself.
 *
 * @param status          the HTTP status
 * @param title           a few plain words about the kind of error
 * @param detail          a sentence a person can act on
 * @param reason          the {@code google.rpc.ErrorInfo} reason (a {@code chorus.platform.v1.ErrorReason}), or
 *                        {@code null}; a backend's reason is kept as it came
 * @param fieldViolations the fields that were wrong, from {@code google.rpc.BadRequest}
 * @param headers         extra response headers ({@code Retry-After}, {@code Allow}, {@code WWW-Authenticate})
 */
public record Problem(int status, String title, String detail, String reason,
                      List<FieldViolation> fieldViolations, HttpHeaders headers) {

    /** Where the problem types are documented. */
    public static final String TYPE_BASE = "https://chorus.example/problems/";

    public Problem {
        fieldViolations = List.copyOf(fieldViolations);
        HttpHeaders copy = new HttpHeaders();
        copy.addAll(headers);
        headers = copy;
    }

    /**
     * A problem the gateway makes itself.
     *
     * @param reason a reason the contract declares, or {@code null}
     * @throws IllegalArgumentException when the contract does not declare {@code reason}
     */
    public static Problem of(int status, String title, String detail, String reason) {
        return new Problem(status, title, detail, reason == null ? null : ErrorReasons.requireDeclared(reason),
                List.of(), new HttpHeaders());
    }

    /** {@code https://chorus.example/problems/<reason-in-lower-kebab>}, or {@code about:blank} without a reason. */
    public String type() {
        if (reason == null || reason.isBlank()) {
            return "about:blank";
        }
        return TYPE_BASE + reason.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Problem withFieldViolations(List<FieldViolation> violations) {
        return new Problem(status, title, detail, reason, violations, headers);
    }

    public Problem withHeader(String name, String value) {
        HttpHeaders copy = new HttpHeaders();
        copy.addAll(headers);
        copy.set(name, value);
        return new Problem(status, title, detail, reason, fieldViolations, copy);
    }

    public Problem withRetryAfter(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return withHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }

    /** A field that was wrong: a path such as {@code commission.display_name}, and what is wrong with it. */
    public record FieldViolation(String field, String description) {
    }
}
