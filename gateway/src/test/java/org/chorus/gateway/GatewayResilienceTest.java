package org.chorus.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.chorus.gateway.resilience.BackendGuards;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Breakers, retries, deadlines and trace context, against a real in-test gRPC server that the test stops
 * and starts again on the same port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayResilienceTest {

    private static final String GET = "chorus.commissions.v1.CommissionsService/GetCommission";
    private static final String CREATE = "chorus.commissions.v1.CommissionsService/CreateCommission";
    private static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);

    private static final TestIssuer issuer = TestIssuer.start();
    private static final FakeCommissionsService service = new FakeCommissionsService();
    private static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private static final AtomicReference<String> lastTraceparent = new AtomicReference<>();
    private static final int grpcPort = freePort();
    private static volatile Server server = startServer();

    @LocalServerPort
    int port;

    @Autowired
    BackendGuards guards;

    WebTestClient client;
    String token;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuer);
        registry.add("chorus.gateway.backends.commissions", () -> "127.0.0.1:" + grpcPort);
        registry.add("chorus.gateway.default-timeout", () -> "5s");
        registry.add("chorus.gateway.routes[" + GET + "].timeout", () -> "1500ms");
        registry.add("chorus.gateway.resilience.sliding-window-size", () -> "4");
        registry.add("chorus.gateway.resilience.minimum-number-of-calls", () -> "4");
        // Longer than the breaker test takes to look at the open breaker (six refused calls, one more, a Prometheus
        // scrape): with 1 s, a busy machine let the breaker turn half-open on its own half way through, and the
        // test saw a trial call or state="half_open" instead of CIRCUIT_OPEN.
        registry.add("chorus.gateway.resilience.wait-in-open-state", () -> "5s");
        registry.add("chorus.gateway.resilience.initial-backoff", () -> "10ms");
        registry.add("chorus.gateway.resilience.max-backoff", () -> "40ms");
    }

    private static Server startServer() {
        ServerInterceptor counting = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                calls.computeIfAbsent(call.getMethodDescriptor().getFullMethodName(), name -> new AtomicInteger()).incrementAndGet();
                lastTraceparent.set(headers.get(TRACEPARENT));
                return next.startCall(call, headers);
            }
        };
        try {
            return Grpc.newServerBuilderForPort(grpcPort, InsecureServerCredentials.create())
                    .addService(ServerInterceptors.intercept(service, counting))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopServers() throws InterruptedException {
        server.shutdownNow().awaitTermination();
        issuer.close();
    }

    @BeforeEach
    void reset() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
        token = issuer.validToken();
        guards.breakers().getAllCircuitBreakers().forEach(GatewayResilienceTest::close);
        service.unavailableLeft.set(0);
        calls.clear();
    }

    /**
     * Closes a breaker for the next test. Resilience4j's {@code reset()} alone leaves an open breaker's timer
     * running, and when it fires it turns the reset breaker half-open in the middle of a later test; a transition
     * to closed cancels it.
     */
    private static void close(CircuitBreaker breaker) {
        if (breaker.getState() != CircuitBreaker.State.CLOSED) {
            breaker.transitionToClosedState();
        }
        breaker.reset();
    }

    private int callsOf(String method) {
        return calls.getOrDefault(method, new AtomicInteger()).get();
    }

    private WebTestClient.ResponseSpec get(String name) {
        return client.get().uri("/v1/" + name).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    private WebTestClient.ResponseSpec create(String query) {
        return client.post().uri("/v1/commissions?" + query)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"displayName\": \"Flaky\"}")
                .exchange();
    }

    @Test
    void aGetThatMeetsUnavailableIsRetriedAndSucceeds() {
        create("commissionId=flaky-get").expectStatus().isOk();
        calls.clear();
        service.unavailableLeft.set(1);

        get("commissions/flaky-get").expectStatus().isOk();

        assertThat(callsOf(GET)).isEqualTo(2);
    }

    @Test
    void aPostWithoutRequestIdIsNotRetried() {
        service.unavailableLeft.set(1);

        create("commissionId=flaky-post")
                .expectStatus().isEqualTo(503)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.reason").isEqualTo("BACKEND_UNAVAILABLE");

        assertThat(callsOf(CREATE)).isEqualTo(1);
    }

    @Test
    void aPostWithARequestIdIsRetried() {
        service.unavailableLeft.set(1);

        create("commissionId=flaky-post-with-id&requestId=8f14e45f-ceea-467f-a0e6-0a4c3a1e1a01").expectStatus().isOk();

        assertThat(callsOf(CREATE)).isEqualTo(2);
    }

    @Test
    void retriesStopAtMaxAttempts() {
        create("commissionId=flaky-many").expectStatus().isOk();
        calls.clear();
        service.unavailableLeft.set(10);

        get("commissions/flaky-many").expectStatus().isEqualTo(503);

        assertThat(callsOf(GET)).isEqualTo(3);
    }

    @Test
    void theRouteTimeoutIsSentAsTheGrpcDeadline() {
        long start = System.nanoTime();
        get(FakeCommissionsService.SLOW).expectStatus().isEqualTo(504)
                .expectBody().jsonPath("$.reason").isEqualTo("BACKEND_TIMEOUT");
        long millis = (System.nanoTime() - start) / 1_000_000;
        // The GET route's own 1.5 s, not the 5 s default; DEADLINE_EXCEEDED from our own deadline is not retried.
        assertThat(millis).isBetween(1_400L, 2_900L);
        assertThat(callsOf(GET)).isEqualTo(1);
    }

    @Test
    void theCallersTraceContextIsContinuedToTheService() {
        create("commissionId=traced").expectStatus().isOk();

        client.get().uri("/v1/commissions/traced")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .exchange()
                .expectStatus().isOk();

        assertThat(lastTraceparent.get())
                .matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01")
                .doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void aMalformedOrOversizedTraceparentIsIgnoredAndANewTraceStarts() {
        create("commissionId=untraced").expectStatus().isOk();
        String[] malformed = {
            "00-zz",
            "00-" + "4bf92f3577b34da6a3ce929d0e0e4736".repeat(100) + "-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
        };
        for (String traceparent : malformed) {
            client.get().uri("/v1/commissions/untraced")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("traceparent", traceparent)
                    .header("tracestate", "x".repeat(4000))
                    .exchange()
                    .expectStatus().isOk();

            assertThat(lastTraceparent.get()).as("sent on for %s", traceparent)
                    .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")
                    .doesNotContain("4bf92f3577b34da6a3ce929d0e0e4736")
                    .doesNotContain("00000000000000000000000000000000");
        }
    }

    @Test
    void aStoppedBackendGivesFast503sOpensTheBreakerAndRecoversOnItsOwn() throws Exception {
        create("commissionId=steady").expectStatus().isOk();
        server.shutdownNow().awaitTermination();
        try {
            for (int i = 0; i < 6; i++) {
                long start = System.nanoTime();
                EntityExchangeResult<byte[]> result = get("commissions/steady")
                        .expectStatus().isEqualTo(503)
                        .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody().returnResult();
                assertThat((System.nanoTime() - start) / 1_000_000).as("a fast answer").isLessThan(1_000);
                assertThat(new String(result.getResponseBody())).containsAnyOf("BACKEND_UNAVAILABLE", "CIRCUIT_OPEN");
            }
            assertThat(guards.breaker("commissions").getState()).isEqualTo(CircuitBreaker.State.OPEN);
            get("commissions/steady").expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.reason").isEqualTo("CIRCUIT_OPEN");
            client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                    .expectBody(String.class).value(text -> assertThat(text)
                            .contains("resilience4j_circuitbreaker_state{name=\"commissions\",state=\"open\"} 1.0"));
        } finally {
            server = startServer();
        }

        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int status = 0;
        while (System.nanoTime() < until) {
            status = get("commissions/steady").returnResult(byte[].class).getStatus().value();
            if (status == 200) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(status).as("calls recover once the service is back").isEqualTo(200);
        assertThat(guards.breaker("commissions").getState()).isIn(CircuitBreaker.State.CLOSED, CircuitBreaker.State.HALF_OPEN);
    }

    @Test
    void requestsAreTimedPerRouteTemplateInPrometheus() {
        create("commissionId=timed").expectStatus().isOk();
        get("commissions/timed").expectStatus().isOk();

        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text)
                        .containsPattern("chorus_gateway_requests_seconds_bucket\\{backend=\"commissions\",method=\"GET\","
                                + "route=\"/v1/\\{name=commissions/\\*}\",status=\"200\",le=\"[0-9.]+\"}")
                        .contains("chorus_gateway_requests_seconds_count{backend=\"commissions\",method=\"POST\",route=\"/v1/commissions\",status=\"200\"}")
                        .contains("resilience4j_circuitbreaker_state{name=\"commissions\",state=\"closed\"}"));
    }
}
