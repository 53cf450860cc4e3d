package org.chorus.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The lines are Spring Boot's ECS lines, byte for byte: both encoders are made as Spring Boot makes them, one from
 * {@code ecs}, one from this class's name, and given the same events.
 */
class EcsLogFormatterTest {

    private final LoggerContext context = context();
    private final StructuredLogEncoder boot = encoder(context, "ecs");
    private final StructuredLogEncoder chorus = encoder(context, EcsLogFormatter.class.getName());
    private final Logger logger = context.getLogger("org.chorus.gateway.access");

    @Test
    void aLineIsSpringBootsEcsLineByteForByte() {
        for (LoggingEvent event : List.of(
                event("Started in 2.1 seconds"),
                event("Quotes \" and \\ backslashes, a\nnew line, a\ttab, a \u0001 control, é, ✓ and 🎉"),
                withPairs(event("GET /v1/commissions/leeds 200 3ms"), Map.of(
                        "http.request.method", "GET", "http.response.status_code", 200, "event.duration_ms", 3L,
                        "trace.id", "0677c53847bf04ee7b8b7789ba364cb4", "chorus.route", "GET /v1/{name=commissions/*}")),
                failed(event("A call failed"), new IllegalStateException("the outer one", new IllegalArgumentException("the cause"))),
                marked(event("With a marker")))) {
            byte[] expected = boot.encode(event);

            assertThat(new String(chorus.encode(event), StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(chorus.encode(event)).isEqualTo(expected);
        }
    }

    @Test
    void theMdcIsInTheLineAsInSpringBoots() {
        context.getMDCAdapter().put("traceId", "0677c53847bf04ee7b8b7789ba364cb4");
        try {
            LoggingEvent event = event("Inside a traced call");

            assertThat(new String(chorus.encode(event), StandardCharsets.UTF_8))
                    .contains("0677c53847bf04ee7b8b7789ba364cb4")
                    .isEqualTo(new String(boot.encode(event), StandardCharsets.UTF_8));
        } finally {
            context.getMDCAdapter().clear();
        }
    }

    private LoggingEvent event(String message) {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, null);
        event.prepareForDeferredProcessing();
        return event;
    }

    private static LoggingEvent withPairs(LoggingEvent event, Map<String, Object> pairs) {
        pairs.forEach((key, value) -> event.addKeyValuePair(new KeyValuePair(key, value)));
        return event;
    }

    private static LoggingEvent failed(LoggingEvent event, Throwable error) {
        event.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(error));
        return event;
    }

    private static LoggingEvent marked(LoggingEvent event) {
        event.addMarker(MarkerFactory.getMarker("AUDIT"));
        return event;
    }

    /** A logging context as Spring Boot sets it up, with the application's name and version. */
    static LoggerContext context() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "spring.application.name", "chorus-gateway", "spring.application.version", "0.1.0-SNAPSHOT")));
        context.putObject(Environment.class.getName(), environment);
        return context;
    }

    /** An encoder as Spring Boot makes it for {@code logging.structured.format.console=<format>}. */
    static StructuredLogEncoder encoder(LoggerContext context, String format) {
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.start();
        return encoder;
    }
}
