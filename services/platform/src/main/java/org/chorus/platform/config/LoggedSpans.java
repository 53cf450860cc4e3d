package org.chorus.platform.config;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each finished span's name and ids to the log (logger {@code org.chorus.platform.spans}), when
 * {@code chorus.tracing.log-spans=true}: where no OTLP collector runs (the system tests), a trace can still be
 * followed from the gateway to a service's SQL. Never its attributes, so no statement, value or token.
 */
final class LoggedSpans implements SpanExporter {

    private static final Logger log = LoggerFactory.getLogger("org.chorus.platform.spans");

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        for (SpanData span : spans) {
            log.atInfo()
                    .addKeyValue("span.name", span.getName())
                    .addKeyValue("span.kind", span.getKind().name())
                    .addKeyValue("span.trace_id", span.getTraceId())
                    .addKeyValue("span.span_id", span.getSpanId())
                    .addKeyValue("span.parent_id", span.getParentSpanId())
                    .log("span {} {} trace {} span {} parent {}", span.getName(), span.getKind(), span.getTraceId(),
                            span.getSpanId(), span.getParentSpanId());
        }
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
