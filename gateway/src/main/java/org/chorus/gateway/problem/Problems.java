package org.chorus.gateway.problem;

import java.util.List;

/** The problems the gateway makes itself, worded once. */
public final class Problems {

    private Problems() {
    }

    public static ProblemException noSuchRoute() {
        return new ProblemException(Problem.of(404, "Not found",
                "There is nothing at this address. Check the path and try again.", "NO_SUCH_ROUTE"));
    }

    public static ProblemException badRequest(String reason, String detail, List<Problem.FieldViolation> violations) {
        return new ProblemException(Problem.of(400, "Request not valid", detail, reason).withFieldViolations(violations));
    }

    public static ProblemException malformedJson() {
        return badRequest("MALFORMED_JSON", "The request body is not valid JSON. Check it and send it again.", List.of());
    }

    public static ProblemException unsupportedMediaType() {
        return new ProblemException(Problem.of(415, "Content type not supported",
                "Send the request body as JSON, with the header Content-Type: application/json.", "UNSUPPORTED_MEDIA_TYPE"));
    }

    public static ProblemException bodyTooLarge(long maxBytes) {
        return new ProblemException(Problem.of(413, "Request too large",
                "The request body is larger than " + (maxBytes / 1024) + " KiB. Send less at a time.", "BODY_TOO_LARGE"));
    }

    public static ProblemException notImplemented() {
        return new ProblemException(Problem.of(501, "Not available yet",
                "This method takes a stream of requests, which the JSON API cannot send. Use gRPC instead.", "NOT_AVAILABLE_OVER_JSON"));
    }
}
