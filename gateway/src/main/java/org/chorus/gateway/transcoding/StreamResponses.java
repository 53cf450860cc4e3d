package org.chorus.gateway.transcoding;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import com.google.protobuf.DynamicMessage;
import org.chorus.gateway.problem.Problem;
import org.chorus.gateway.problem.ProblemException;
import org.chorus.gateway.problem.ProblemWriter;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A server stream as an HTTP answer, one JSON message at a time, each flushed as it comes:
 * <ul>
 *   <li>{@code application/x-ndjson} (the default): one message per line;</li>
 *   <li>{@code text/event-stream} (when the client's {@code Accept} asks for it): one {@code data:} event per
 *       message.</li>
 * </ul>
 * The status is decided by the first signal of the stream: an error before any message is an ordinary
 * problem+json answer (401, 404, 503, …). An error after messages have gone out cannot change the status any
 * more, so it is sent in-band as the last item, carrying the same problem document: in NDJSON a last line
 * {@code {"error": {…problem…}}}, in SSE an {@code event: error} whose data is the problem. A stream that ends
 * without such an item ended well.
 */
final class StreamResponses {

    static final MediaType NDJSON = MediaType.APPLICATION_NDJSON;
    static final MediaType EVENT_STREAM = MediaType.TEXT_EVENT_STREAM;

    private StreamResponses() {
    }

    /** Server-sent events only when the client asks for them by name (and not NDJSON more); NDJSON otherwise. */
    static MediaType choose(List<MediaType> accepted) {
        double eventStream = quality(accepted, EVENT_STREAM);
        return eventStream > 0 && eventStream > quality(accepted, NDJSON) ? EVENT_STREAM : NDJSON;
    }

    private static double quality(List<MediaType> accepted, MediaType target) {
        return accepted.stream().filter(target::equalsTypeAndSubtype).mapToDouble(MediaType::getQualityValue).max().orElse(0);
    }

    /**
     * @param messages  the stream; its errors are {@link ProblemException}s already
     * @param toJson    one message as JSON (no line breaks: the printer omits insignificant whitespace)
     * @param requestId quoted in an in-band problem
     */
    static Mono<ServerResponse> respond(Flux<DynamicMessage> messages, Function<DynamicMessage, String> toJson,
                                        MediaType mediaType, String requestId) {
        BodyInserter<Void, ReactiveHttpOutputMessage> body = (response, context) -> messages.switchOnFirst((first, all) -> {
            if (first.isOnError()) {
                // Nothing is written yet: the error takes the normal problem+json path, with its own status.
                return Flux.error(first.getThrowable());
            }
            HttpHeaders headers = response.getHeaders();
            headers.setContentType(mediaType);
            headers.setCacheControl("no-store");
            headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT);
            // Proxies such as nginx buffer responses by default; this asks them to pass each item on at once.
            headers.set("X-Accel-Buffering", "no");
            Flux<String> items = all.map(message -> item(mediaType, toJson.apply(message)))
                    .onErrorResume(ProblemException.class, error -> Mono.just(errorItem(mediaType, error.problem(), requestId)));
            Flux<Publisher<DataBuffer>> chunks = items.map(item -> Mono.just(
                    response.bufferFactory().wrap(item.getBytes(StandardCharsets.UTF_8))));
            return response.writeAndFlushWith(chunks);
        }).then();
        return ServerResponse.ok().body(body);
    }

    static String item(MediaType mediaType, String json) {
        return NDJSON.equals(mediaType) ? json + "\n" : "data: " + json + "\n\n";
    }

    static String errorItem(MediaType mediaType, Problem problem, String requestId) {
        String document = ProblemWriter.toJson(problem, requestId);
        return NDJSON.equals(mediaType) ? "{\"error\":" + document + "}\n" : "event: error\ndata: " + document + "\n\n";
    }
}
