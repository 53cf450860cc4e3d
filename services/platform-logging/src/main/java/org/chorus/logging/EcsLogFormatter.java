package org.chorus.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.Charset;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's Elastic Common Schema log lines, the very same JSON, turned into bytes once the line is written
 * ({@code logging.structured.format.console=org.chorus.logging.EcsLogFormatter} in every process).
 * <p>
 * Spring Boot 4.1's JSON formatters write their bytes one character at a time: each character of the line becomes a
 * {@code char[1]}, a {@code CharBuffer} and a call to a {@code CharsetEncoder} ({@code AppendableByteArray}). The
 * gateway writes an access line of about 740 characters a request. In the gateway benchmark's profile (JFR at 1,000
 * requests a second, 7 December 2026) those buffers were 97% of what the thread writing the line allocated; written
 * as text and then encoded, the gateway allocates 113 kB a request instead of 173 kB, with 32 young collections in
 * 20 s instead of 49 ({@code JfrSummary}). On its own ({@code LogLineBench}, the processes' Serial GC and heap), a
 * line costs 7.0 µs and 13 kB instead of 8.5 µs and 29 kB.
 * <p>
 * Boot's ECS formatter is not public, so it is made by its name, with the parameters Boot hands any formatter named in
 * {@code logging.structured.format.console}. If a later Boot renames it, every process stops at start-up with the
 * reason, and {@code EcsLogFormatterTest} fails.
 */
public final class EcsLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

    static final String BOOT_ECS = "org.springframework.boot.logging.logback.ElasticCommonSchemaStructuredLogFormatter";

    private final StructuredLogFormatter<ILoggingEvent> ecs;

    public EcsLogFormatter(Environment environment, StackTracePrinter stackTracePrinter, ContextPairs contextPairs,
                           ThrowableProxyConverter throwableProxyConverter,
                           StructuredLoggingJsonMembersCustomizer.Builder<?> customizerBuilder) {
        this.ecs = bootEcs(environment, stackTracePrinter, contextPairs, throwableProxyConverter, customizerBuilder);
    }

    @Override
    public String format(ILoggingEvent event) {
        return ecs.format(event);
    }

    @Override
    public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
        return format(event).getBytes(charset);
    }

    @SuppressWarnings("unchecked")
    private static StructuredLogFormatter<ILoggingEvent> bootEcs(Object... parameters) {
        try {
            Constructor<?> constructor = Class.forName(BOOT_ECS, true, StructuredLogFormatter.class.getClassLoader())
                    .getDeclaredConstructor(Environment.class, StackTracePrinter.class, ContextPairs.class,
                            ThrowableProxyConverter.class, StructuredLoggingJsonMembersCustomizer.Builder.class);
            constructor.setAccessible(true);
            return (StructuredLogFormatter<ILoggingEvent>) constructor.newInstance(parameters);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException target ? target.getCause() : e;
            throw new IllegalStateException("Spring Boot's ECS log formatter (" + BOOT_ECS + ") could not be made: " + cause, cause);
        }
    }
}
