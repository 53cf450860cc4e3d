package org.chorus.console.platform;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A refusal or failure of the platform as a page with kind words: never a stack trace, never a 500 for
 * something the platform refused. Another person's or commission's object looks exactly like one that does
 * not exist (the platform answers PERMISSION_DENIED or NOT_FOUND; both are "we could not find that page").
 * Only the status code is logged: the platform's message may name a person.
 */
@ControllerAdvice
public class PlatformErrors {

    private static final Logger log = LoggerFactory.getLogger(PlatformErrors.class);

    @ExceptionHandler(StatusRuntimeException.class)
    public String platformRefused(StatusRuntimeException refusal, HttpServletRequest request, HttpServletResponse response,
                                  Model model) throws IOException {
        Status.Code code = refusal.getStatus().getCode();
        switch (code) {
            case NOT_FOUND, PERMISSION_DENIED -> {
                return page(response, HttpStatus.NOT_FOUND, "error/404");
            }
            case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED -> {
                log.info("The platform was busy: {}", code);
                return page(response, HttpStatus.SERVICE_UNAVAILABLE, "error/503");
            }
            case UNAUTHENTICATED -> {
                // The token ran out between the gateway and the platform: signing in again gets a new one.
                response.sendRedirect(request.getContextPath() + "/sign-in");
                return null;
            }
            case INVALID_ARGUMENT, FAILED_PRECONDITION, ABORTED, ALREADY_EXISTS, OUT_OF_RANGE -> {
                // The contract's messages are sentences a person can act on (CONVENTIONS: errors).
                model.addAttribute("reason", refusal.getStatus().getDescription());
                return page(response, code == Status.Code.INVALID_ARGUMENT ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT,
                        "error/refused");
            }
            default -> {
                log.warn("The platform failed a call: {}", code);
                return page(response, HttpStatus.BAD_GATEWAY, "error");
            }
        }
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class})
    public String notFound(HttpServletResponse response) {
        return page(response, HttpStatus.NOT_FOUND, "error/404");
    }

    private static String page(HttpServletResponse response, HttpStatus status, String view) {
        response.setStatus(status.value());
        return view;
    }
}
