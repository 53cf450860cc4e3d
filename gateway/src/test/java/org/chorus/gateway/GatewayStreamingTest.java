package org.chorus.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server stream (WatchEvents) through the JSON door: NDJSON by default, server-sent events on request,
 * an error before the first message as a problem, an error after messages in-band, and a client that goes
 * away cancelling the call to the service. Real HTTP in, real gRPC out, real RS256 tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayStreamingTest {

    private static final TestIssuer issuer = TestIssuer.start();
    private static final FakeCommissionEventsService events = new FakeCommissionEventsService();
    private static final Server commissions = start();

    @LocalServerPort
    int port;

    WebTestClient client;
    String token;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuer);
        registry.add("chorus.gateway.backends.commissions", () -> "127.0.0.1:" + commissions.getPort());
        registry.add("chorus.gateway.routes[chorus.commissions.v1.CommissionEventsService/WatchEvents].timeout", () -> "1500ms");
    }

    private static Server start() {
        try {
            return Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                    .addService(events)
                    .addService(new FakeCommissionsService())
                    .build()
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        commissions.shutdownNow();
        issuer.close();
    }

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
        token = issuer.validToken();
    }

    @Test
    void aStreamIsNewlineDelimitedJsonByDefaultOneMessagePerLine() {
        var result = client.get().uri("/v1/commissions/leeds/events:watch?afterSequence=1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBody(String.class).returnResult();
        String body = result.getResponseBody();
        assertThat(body).endsWith("\n");
        List<JsonObject> lines = body.lines().map(line -> JsonParser.parseString(line).getAsJsonObject()).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("name").getAsString()).isEqualTo("commissions/leeds/events/2");
        assertThat(lines.get(0).get("sequence").getAsString()).isEqualTo("2");
        assertThat(lines.get(0).get("eventTime").getAsString()).isEqualTo("2026-03-14T10:00:02Z");
        assertThat(lines.get(0).getAsJsonObject("payload").get("to_phase").getAsString()).isEqualTo("EXPLORATION");
        assertThat(lines.get(1).get("sequence").getAsString()).isEqualTo("3");
    }

    @Test
    void aClientThatAsksForServerSentEventsGetsOneDataEventPerMessage() {
        String body = client.get().uri("/v1/commissions/leeds/events:watch")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .expectBody(String.class).returnResult().getResponseBody();
        String[] events = body.split("\n\n");
        assertThat(events).hasSize(FakeCommissionEventsService.EVENTS);
        for (int i = 0; i < events.length; i++) {
            assertThat(events[i]).startsWith("data: {").doesNotContain("\n");
            JsonObject event = JsonParser.parseString(events[i].substring("data: ".length())).getAsJsonObject();
            assertThat(event.get("sequence").getAsString()).isEqualTo(Integer.toString(i + 1));
        }
    }

    @Test
    void anErrorBeforeTheFirstMessageIsAnOrdinaryProblem() {
        client.get().uri("/v1/commissions/missing/events:watch")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.reason").isEqualTo("COMMISSION_NOT_FOUND")
                .jsonPath("$.detail").isEqualTo("There is no commission called commissions/missing.")
                .jsonPath("$.requestId").isNotEmpty();
    }

    @Test
    void anErrorAfterMessagesComesInBandAsTheLastNdjsonLine() {
        String body = client.get().uri("/v1/commissions/broken/events:watch")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Request-Id", "stream-broken-1")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBody(String.class).returnResult().getResponseBody();
        List<String> lines = body.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(JsonParser.parseString(lines.get(1)).getAsJsonObject().get("sequence").getAsString()).isEqualTo("2");
        JsonObject last = JsonParser.parseString(lines.get(2)).getAsJsonObject();
        assertThat(last.keySet()).containsExactly("error");
        JsonObject problem = last.getAsJsonObject("error");
        assertThat(problem.get("status").getAsInt()).isEqualTo(409);
        assertThat(problem.get("reason").getAsString()).isEqualTo("FEED_CHANGED");
        assertThat(problem.get("detail").getAsString()).startsWith("The feed changed while it was read.");
        assertThat(problem.get("type").getAsString()).isEqualTo("https://chorus.example/problems/feed-changed");
        assertThat(problem.get("requestId").getAsString()).isEqualTo("stream-broken-1");
    }

    @Test
    void anErrorAfterMessagesComesInBandAsAnErrorEventInServerSentEvents() {
        String body = client.get().uri("/v1/commissions/broken/events:watch")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        String[] events = body.split("\n\n");
        assertThat(events).hasSize(3);
        assertThat(events[0]).startsWith("data: ");
        assertThat(events[2]).startsWith("event: error\ndata: ");
        JsonObject problem = JsonParser.parseString(events[2].substring(events[2].indexOf("data: ") + 6)).getAsJsonObject();
        assertThat(problem.get("reason").getAsString()).isEqualTo("FEED_CHANGED");
        assertThat(problem.get("status").getAsInt()).isEqualTo(409);
    }

    @Test
    void theRoutesTimeLimitEndsAStreamWithAnInBandTimeout() {
        long start = System.nanoTime();
        String body = client.get().uri("/v1/commissions/slow-feed/events:watch")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<String> lines = body.lines().toList();
        assertThat(lines.size()).as(body).isBetween(2, 6);
        JsonObject problem = JsonParser.parseString(lines.getLast()).getAsJsonObject().getAsJsonObject("error");
        assertThat(problem.get("status").getAsInt()).isEqualTo(504);
        assertThat(problem.get("reason").getAsString()).isEqualTo("BACKEND_TIMEOUT");
        assertThat(took).isLessThan(Duration.ofMillis(FakeCommissionEventsService.SLOW_FEED_MILLIS * 10));
    }

    @Test
    void aClientThatGoesAwayCancelsTheCallToTheService() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        events.endlessCancelled = cancelled;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/commissions/endless/events:watch"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        try (Stream<String> lines = response.body()) {
            Iterator<String> iterator = lines.iterator();
            assertThat(JsonParser.parseString(iterator.next()).getAsJsonObject().get("sequence").getAsString()).isEqualTo("1");
            assertThat(JsonParser.parseString(iterator.next()).getAsJsonObject().get("sequence").getAsString()).isEqualTo("2");
        }
        http.close();
        assertThat(cancelled.await(10, TimeUnit.SECONDS)).as("the service saw the call cancelled").isTrue();
    }

    @Test
    void theCommissionGuardAppliesToStreamsToo() {
        int before = events.calls.get();
        client.get().uri("/v1/commissions/salford/events:watch")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.tokenWithGroups("/commissions/leeds/member"))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/v1/commissions/leeds/events:watch")
                .exchange()
                .expectStatus().isUnauthorized();
        assertThat(events.calls.get()).isEqualTo(before);
    }

    @Test
    void aStreamCarriesTheRateLimitHeadersAndIsCountedInTheMetrics() {
        client.get().uri("/v1/commissions/leeds/events:watch")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().exists("RateLimit-Remaining");
        String metrics = client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("chorus_gateway_requests_seconds_count{backend=\"commissions\",method=\"GET\","
                + "route=\"/v1/{parent=commissions/*}/events:watch\",status=\"200\"}");
    }

    @Test
    void theApiDocumentDescribesTheStreamsMediaTypesAndItsInBandErrors() {
        client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/v3/api-docs")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/v1/commissions/{commission}/events:watch'].get.responses['200'].content['application/x-ndjson'].schema.oneOf[1].properties.error['$ref']")
                .isEqualTo("#/components/schemas/Problem")
                .jsonPath("$.paths['/v1/commissions/{commission}/events:watch'].get.responses['200'].content['text/event-stream']").exists()
                .jsonPath("$.paths['/v1/commissions/{commission}/events:watch'].get.description").value(description ->
                        assertThat((String) description).contains("application/x-ndjson").contains("event: error"));
    }
}
