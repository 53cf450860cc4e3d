package org.chorus.gateway.web;

import java.util.List;
import org.chorus.gateway.GatewayProperties;
import org.chorus.gateway.context.RequestIds;
import org.chorus.gateway.context.TraceContext;
import org.chorus.gateway.problem.Problem;
import org.chorus.gateway.problem.ProblemException;
import org.chorus.gateway.problem.ProblemWriter;
import org.chorus.gateway.problem.Refused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring's own error path, answering in problem+json: whatever escapes a handler or filter
 * (an unknown URL, a wrong method, a failure nobody expected) becomes a problem. Ordered before Boot's
 * default handler. Internals go to the log with the request id, never to the caller.
 */
@Component
@Order(-2)
public class ProblemExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemWriter writer;
    private final GatewayProperties properties;

    public ProblemExceptionHandler(ProblemWriter writer, GatewayProperties properties) {
        this.writer = writer;
        this.properties = properties;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        return writer.write(exchange, toProblem(exchange, error));
    }

    Problem toProblem(ServerWebExchange exchange, Throwable error) {
        if (error instanceof ProblemException problem) {
            return problem.problem();
        }
        if (error instanceof Refused refused) {
            return refused.refusal().problem();
        }
        if (error instanceof DataBufferLimitException) {
            return Problem.of(413, "Request too large", "The request body is too large. Send less at a time.", "BODY_TOO_LARGE");
        }
        if (error instanceof AuthenticationServiceException) {
            about(exchange, log.atWarn()).log("Tokens cannot be checked just now (request {}): {}", RequestIds.of(exchange), error.toString());
            return Problem.of(503, "Service unavailable",
                    "Sign-in checks are not working just now. Try again in a moment.", "IDENTITY_PROVIDER_UNAVAILABLE")
                    .withRetryAfter(properties.retryAfter());
        }
        if (error instanceof AccessDeniedException) {
            return Problem.of(403, "Not allowed", "You are not allowed to do this.", "PERMISSION_DENIED");
        }
        if (error instanceof ResponseStatusException status) {
            return fromStatus(status);
        }
        about(exchange, log.atError()).setCause(error).log("Unexpected failure (request {})", RequestIds.of(exchange));
        return Problem.of(500, "Something went wrong",
                "Something went wrong on our side. Try again later; if it keeps happening, tell us the request id.", null);
    }

    private static Problem fromStatus(ResponseStatusException error) {
        int status = error.getStatusCode().value();
        Problem problem = switch (status) {
            case 400 -> Problem.of(400, "Request not valid", "The request could not be read. Check it and send it again.", "BAD_REQUEST");
            case 404 -> Problem.of(404, "Not found", "There is nothing at this address. Check the path and try again.", "NO_SUCH_ROUTE");
            case 405 -> Problem.of(405, "Method not allowed", "This address does not accept this HTTP method.", "METHOD_NOT_ALLOWED");
            case 406 -> Problem.of(406, "Not acceptable", "This address answers in JSON only.", "NOT_ACCEPTABLE");
            case 413 -> Problem.of(413, "Request too large", "The request body is too large. Send less at a time.", "BODY_TOO_LARGE");
            case 415 -> Problem.of(415, "Content type not supported",
                    "Send the request body as JSON, with the header Content-Type: application/json.", "UNSUPPORTED_MEDIA_TYPE");
            default -> status >= 500
                    ? Problem.of(status, "Something went wrong", "Something went wrong on our side. Try again later.", null)
                    : Problem.of(status, "Request not accepted", "The request was not accepted.", null);
        };
        if (error instanceof MethodNotAllowedException notAllowed && !notAllowed.getSupportedMethods().isEmpty()) {
            problem = problem.withHeader(HttpHeaders.ALLOW, String.join(", ",
                    notAllowed.getSupportedMethods().stream().map(m -> m.name()).sorted().toList()));
        }
        return problem.withFieldViolations(List.of());
    }

    /** The request's ids on a log line: its request id, and its trace and span once the first filter has started them. */
    private static LoggingEventBuilder about(ServerWebExchange exchange, LoggingEventBuilder line) {
        TraceContext trace = TraceContext.of(exchange);
        return trace == null ? line.addKeyValue("http.request.id", RequestIds.of(exchange)) : trace.describe(line, RequestIds.of(exchange));
    }
}
