package org.chorus.gateway.transcoding;

import java.util.List;

import org.chorus.gateway.problem.Problem;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class StreamResponsesTest {

    @Test
    void ndjsonIsTheDefaultAndServerSentEventsAreChosenOnlyWhenAskedForByName() {
        assertThat(StreamResponses.choose(List.of())).isEqualTo(MediaType.APPLICATION_NDJSON);
        assertThat(StreamResponses.choose(MediaType.parseMediaTypes("*/*"))).isEqualTo(MediaType.APPLICATION_NDJSON);
        assertThat(StreamResponses.choose(MediaType.parseMediaTypes("application/json"))).isEqualTo(MediaType.APPLICATION_NDJSON);
        assertThat(StreamResponses.choose(MediaType.parseMediaTypes("text/event-stream"))).isEqualTo(MediaType.TEXT_EVENT_STREAM);
        assertThat(StreamResponses.choose(MediaType.parseMediaTypes("text/event-stream, */*;q=0.1"))).isEqualTo(MediaType.TEXT_EVENT_STREAM);
        assertThat(StreamResponses.choose(MediaType.parseMediaTypes("application/x-ndjson, text/event-stream;q=0.5")))
                .isEqualTo(MediaType.APPLICATION_NDJSON);
        assertThat(StreamResponses.choose(MediaType.parseMediaTypes("application/x-ndjson;q=0.5, text/event-stream")))
                .isEqualTo(MediaType.TEXT_EVENT_STREAM);
    }

    @Test
    void eachItemIsFramedForItsMediaType() {
        assertThat(StreamResponses.item(MediaType.APPLICATION_NDJSON, "{\"a\":1}")).isEqualTo("{\"a\":1}\n");
        assertThat(StreamResponses.item(MediaType.TEXT_EVENT_STREAM, "{\"a\":1}")).isEqualTo("data: {\"a\":1}\n\n");
    }

    @Test
    void anInBandErrorCarriesTheProblemDocument() {
        Problem problem = Problem.of(504, "Took too long", "The commissions service took too long to answer.", "BACKEND_TIMEOUT");
        assertThat(StreamResponses.errorItem(MediaType.APPLICATION_NDJSON, problem, "req-1"))
                .startsWith("{\"error\":{\"type\":\"https://chorus.example/problems/backend-timeout\",")
                .contains("\"status\":504", "\"requestId\":\"req-1\"")
                .endsWith("}}\n");
        assertThat(StreamResponses.errorItem(MediaType.TEXT_EVENT_STREAM, problem, "req-1"))
                .startsWith("event: error\ndata: {\"type\":")
                .endsWith("}\n\n");
    }
}
