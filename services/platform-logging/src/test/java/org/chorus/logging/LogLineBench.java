package org.chorus.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * What one gateway access line costs to encode, with Spring Boot's {@code ecs} encoder and with
 * {@link EcsLogFormatter}: the time and the bytes allocated a line, after a warm-up. Not run by {@code ./chorus test}
 * (its name is not a test's); run it with the processes' collector and heap:
 * {@code ./mvnw -pl services/platform-logging test -Dtest=LogLineBench -DargLine="-XX:+UseSerialGC -Xmx256m"}.
 * It prints {@code log-line-bench: chars=… boot_us=… boot_bytes=… chorus_us=… chorus_bytes=…}.
 */
class LogLineBench {

    private static final int LINES = 200_000;
    private static final int ROUNDS = 5;

    @Test
    void encodeTheGatewaysAccessLine() {
        LoggerContext context = EcsLogFormatterTest.context();
        Logger logger = context.getLogger("org.chorus.gateway.access");
        LoggingEvent line = accessLine(logger);
        StructuredLogEncoder boot = EcsLogFormatterTest.encoder(context, "ecs");
        StructuredLogEncoder chorus = EcsLogFormatterTest.encoder(context, EcsLogFormatter.class.getName());

        double[] bootCost = cost(boot, line);
        double[] chorusCost = cost(chorus, line);
        System.out.printf(Locale.ROOT, "log-line-bench: chars=%d boot_us=%.2f boot_bytes=%.0f chorus_us=%.2f chorus_bytes=%.0f%n",
                chorus.encode(line).length, bootCost[0], bootCost[1], chorusCost[0], chorusCost[1]);
    }

    /** The best round's microseconds and bytes allocated a line. */
    private static double[] cost(StructuredLogEncoder encoder, LoggingEvent line) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        long written = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long bytesBefore = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            for (int i = 0; i < LINES; i++) {
                written += encoder.encode(line).length;
            }
            best[0] = Math.min(best[0], (System.nanoTime() - start) / 1_000.0 / LINES);
            best[1] = Math.min(best[1], (threads.getCurrentThreadAllocatedBytes() - bytesBefore) / (double) LINES);
        }
        if (written == 0) {
            throw new IllegalStateException("nothing was encoded");
        }
        return best;
    }

    /** The line RequestIdAndAccessLogWebFilter writes for one request (about 770 characters). */
    private static LoggingEvent accessLine(Logger logger) {
        String requestId = "74236e4b-b3d5-4dc8-a69a-64dd821a9066";
        String path = "/v1/commissions/rolling-ec712854/sessions/s-2026-12-14-d295572d2618";
        LoggingEvent line = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "{} {} {} {}ms {}", null,
                new Object[] {"GET", path, 200, 7L, requestId});
        line.addKeyValuePair(new KeyValuePair("trace.id", "0677c53847bf04ee7b8b7789ba364cb4"));
        line.addKeyValuePair(new KeyValuePair("span.id", "cdb18bb731522523"));
        line.addKeyValuePair(new KeyValuePair("http.request.id", requestId));
        line.addKeyValuePair(new KeyValuePair("http.request.method", "GET"));
        line.addKeyValuePair(new KeyValuePair("url.path", path));
        line.addKeyValuePair(new KeyValuePair("http.response.status_code", 200));
        line.addKeyValuePair(new KeyValuePair("event.duration_ms", 7L));
        line.addKeyValuePair(new KeyValuePair("chorus.route", "GET /v1/{name=commissions/*/sessions/*}"));
        line.prepareForDeferredProcessing();
        return line;
    }
}
