package org.chorus.gateway;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway as a client sees it: real HTTP in, real gRPC out to an in-test commissions service,
 * real RS256 tokens from an in-test issuer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayTranscodingTest {

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final AtomicReference<String> lastAuthorization = new AtomicReference<>();

    private static final TestIssuer issuer = TestIssuer.start();
    private static final Server commissions = startCommissions();
    private static final int closedPort = freePort();

    @LocalServerPort
    int port;

    WebTestClient client;
    @Autowired
    GatewayProperties properties;
    String token;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuer);
        registry.add("chorus.gateway.backends.commissions", () -> "127.0.0.1:" + commissions.getPort());
        registry.add("chorus.gateway.backends.membership", () -> "127.0.0.1:" + closedPort);
        registry.add("chorus.gateway.default-timeout", () -> "1s");
    }

    private static Server startCommissions() {
        ServerInterceptor captureAuthorization = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                lastAuthorization.set(headers.get(AUTHORIZATION));
                return next.startCall(call, headers);
            }
        };
        try {
            return Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                    .addService(ServerInterceptors.intercept(new FakeCommissionsService(), captureAuthorization))
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
    static void stopServers() {
        commissions.shutdownNow();
        issuer.close();
    }

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
        token = issuer.validToken();
    }

    private WebTestClient.RequestHeadersSpec<?> create(String id, String json) {
        return client.post().uri("/v1/commissions?commissionId={id}", id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json);
    }

    @Test
    void theCommissionGuardLetsThroughOnlyThoseWithARoleInTheCommission() {
        create("bradford", "{\"displayName\": \"Bradford\"}").exchange().expectStatus().isOk();
        String leedsMember = issuer.tokenWithGroups("/commissions/leeds/member");

        client.get().uri("/v1/commissions/bradford")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + leedsMember)
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.reason").isEqualTo("NOT_ALLOWED");
        client.get().uri("/v1/commissions/nowhere")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + leedsMember)
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.reason").isEqualTo("NOT_ALLOWED");
        client.get().uri("/v1/commissions/leeds")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + leedsMember)
                .exchange()
                .expectStatus().value(status -> org.assertj.core.api.Assertions.assertThat(status).isNotEqualTo(403));
    }

    @Test
    void createThenGetAnswersTheCommissionAsJsonWithLowerCamelNamesAndEnumNames() {
        create("leeds", """
                {"displayName": "Leeds Poverty Truth Commission", "place": "Leeds",
                 "start_date": {"year": 2026, "month": 3, "day": 14}}""")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.name").isEqualTo("commissions/leeds")
                .jsonPath("$.displayName").isEqualTo("Leeds Poverty Truth Commission")
                .jsonPath("$.startDate.month").isEqualTo(3)
                .jsonPath("$.state").isEqualTo("ACTIVE")
                .jsonPath("$.createTime").isEqualTo("2026-03-14T10:00:00Z")
                .jsonPath("$.display_name").doesNotExist();

        client.get().uri("/v1/commissions/leeds")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("commissions/leeds")
                .jsonPath("$.place").isEqualTo("Leeds");
    }

    @Test
    void listTakesPageSizeFromTheQueryString() {
        create("list-a", "{\"displayName\": \"A\"}").exchange().expectStatus().isOk();
        create("list-b", "{\"displayName\": \"B\"}").exchange().expectStatus().isOk();

        client.get().uri("/v1/commissions?pageSize=1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.commissions.length()").isEqualTo(1)
                .jsonPath("$.nextPageToken").isNotEmpty();

        client.get().uri("/v1/commissions?page_size=2")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.commissions.length()").isEqualTo(2);
    }

    @Test
    void anUnknownCommissionIsANotFoundProblemInTheServicesWords() {
        client.get().uri("/v1/commissions/atlantis")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Request-Id", "req-12345678")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("X-Request-Id", "req-12345678")
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.type").isEqualTo("https://chorus.example/problems/commission-not-found")
                .jsonPath("$.title").isEqualTo("Not found")
                .jsonPath("$.detail").isEqualTo("There is no commission called commissions/atlantis.")
                .jsonPath("$.reason").isEqualTo("COMMISSION_NOT_FOUND")
                .jsonPath("$.requestId").isEqualTo("req-12345678");
    }

    @Test
    void anInvalidRequestIsABadRequestProblemWithFieldViolations() {
        client.post().uri("/v1/commissions")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"displayName\": \"No id\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.reason").isEqualTo("INVALID_COMMISSION_ID")
                .jsonPath("$.detail").isEqualTo("Give the commission an id, such as leeds.")
                .jsonPath("$.fieldViolations[0].field").isEqualTo("commission_id")
                .jsonPath("$.fieldViolations[0].description").isEqualTo("Must not be empty.");
    }

    @Test
    void aDuplicateIsAConflict() {
        create("salford", "{\"displayName\": \"Salford\"}").exchange().expectStatus().isOk();

        create("salford", "{\"displayName\": \"Salford again\"}")
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.reason").isEqualTo("COMMISSION_ALREADY_EXISTS")
                .jsonPath("$.title").isEqualTo("Already exists");
    }

    @Test
    void malformedJsonIsABadRequestProblemWithoutParserInternals() {
        create("broken", "{\"displayName\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.reason").isEqualTo("MALFORMED_JSON")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).doesNotContain("gson", "Exception"));
    }

    @Test
    void anUnknownJsonFieldIsABadRequestNamingTheField() {
        create("unknown-field", "{\"displayName\": \"X\", \"colour\": \"blue\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.fieldViolations[0].field").isEqualTo("commission.colour")
                .jsonPath("$.fieldViolations.length()").isEqualTo(1);
    }

    @Test
    void aWrongJsonTypeIsABadRequestNamingTheNestedField() {
        create("wrong-type", "{\"displayName\": \"X\", \"startDate\": {\"year\": \"soon\"}}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.fieldViolations[0].field").isEqualTo("commission.start_date.year")
                .jsonPath("$.fieldViolations[0].description").isEqualTo("Must be a whole number.");
    }

    @Test
    void aBadQueryValueIsABadRequestNamingTheField() {
        client.get().uri("/v1/commissions?pageSize=lots")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.fieldViolations[0].field").isEqualTo("page_size");
    }

    @Test
    void anInvalidResourceIdInThePathIsRefusedBeforeTheService() {
        // The fake service would answer 404 for a name it does not know: a 400 naming the field is the gateway's.
        client.get().uri("/v1/commissions/Leeds_PTC")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.fieldViolations[0].field").isEqualTo("name")
                .jsonPath("$.fieldViolations[0].description").value(d -> assertThat((String) d)
                        .contains("\"Leeds_PTC\" is not a valid id").contains("lower-case letters, digits and hyphens"));
    }

    @Test
    void aPageSizeOverTheMaximumIsRefusedBeforeTheService() {
        // The fake service would answer a page of any size: the 400 is the gateway's, from the contract's rule.
        client.get().uri("/v1/commissions?pageSize=101")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.fieldViolations[0].field").isEqualTo("page_size")
                .jsonPath("$.fieldViolations[0].description").isEqualTo("The page size must be between 1 and 100, or 0 for the usual size.");
        client.get().uri("/v1/commissions?pageSize=100")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void anUnknownEnumNameIsABadRequestNamingTheField() {
        create("unknown-enum", "{\"displayName\": \"X\", \"state\": \"HALF_OPEN\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.fieldViolations[0].field").isEqualTo("commission.state");
    }

    @Test
    void aSingularQueryParameterGivenTwiceIsABadRequest() {
        client.get().uri("/v1/commissions?pageSize=1&pageSize=2")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.fieldViolations[0].field").isEqualTo("page_size");
    }

    @Test
    void deeplyNestedJsonIsABadRequestNotACrash() {
        String nested = "[".repeat(5_000) + "]".repeat(5_000);
        create("nested", "{\"displayName\": " + nested + "}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theCallersAuthorizationHeaderArrivesAsGrpcMetadata() {
        lastAuthorization.set(null);

        client.get().uri("/v1/commissions")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk();

        assertThat(lastAuthorization.get()).isEqualTo("Bearer " + token);
    }

    @Test
    void noTokenIsUnauthorizedWithABearerChallenge() {
        client.get().uri("/v1/commissions")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.requestId").isNotEmpty();
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthorized() {
        String other = issuer.token(issuer.issuer(), List.of("account"), Instant.now().plusSeconds(300));

        client.get().uri("/v1/commissions")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + other)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.reason").isEqualTo("INVALID_TOKEN");
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        String expired = issuer.token(issuer.issuer(), List.of("chorus"), Instant.now().minusSeconds(120));

        client.get().uri("/v1/commissions")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + expired)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.reason").isEqualTo("INVALID_TOKEN");
    }

    @Test
    void aTokenFromAnotherIssuerIsUnauthorized() {
        String foreign = issuer.token("http://127.0.0.1:1/realms/other", List.of("chorus"), Instant.now().plusSeconds(300));

        client.get().uri("/v1/commissions")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + foreign)
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void anUnreachableServiceIsServiceUnavailableWithRetryAfter() {
        client.get().uri("/v1/commissions/leeds/members")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("The membership service cannot be reached just now. Try again in a moment.");
    }

    @Test
    void aServiceThatMissesTheDeadlineIsAGatewayTimeout() {
        client.get().uri("/v1/" + FakeCommissionsService.SLOW)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Took too long")
                .jsonPath("$.detail").isEqualTo("The commissions service took too long to answer. Try again in a moment.");
    }

    @Test
    void anUnknownApiPathIsANotFoundProblem() {
        client.get().uri("/v1/nothing/here")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.reason").isEqualTo("NO_SUCH_ROUTE");
    }

    @Test
    void anUnknownUrlOutsideTheApiIsANotFoundProblemToo() {
        client.get().uri("/nothing-here")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404);
    }

    @Test
    void aKnownPathWithTheWrongMethodIsMethodNotAllowed() {
        client.delete().uri("/v1/commissions/leeds")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals(HttpHeaders.ALLOW, "GET")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupportedMediaType() {
        client.post().uri("/v1/commissions?commissionId=plain")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("displayName=X")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        String big = "{\"displayName\": \"" + "x".repeat((int) properties.maxBodySize().toBytes()) + "\"}";

        create("big", big)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aMalformedRequestIdIsReplaced() {
        client.get().uri("/v1/commissions")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Request-Id", "bad id\twith spaces")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().value("X-Request-Id", id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void healthAndMetricsAreOpen() {
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }

    @Test
    void otherActuatorEndpointsAreClosed() {
        client.get().uri("/actuator/env")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().value(status -> assertThat(status).isIn(403, 404));
    }

    /**
     * Every answer of the API, whatever gave it (a route, the route for unknown paths, the token check), tells the
     * browser not to keep it, not to guess its type and not to frame it: answers hold people's details.
     */
    @Test
    void everyApiAnswerCarriesTheSecurityHeaders() {
        create("headers", "{\"displayName\": \"Headers\"}").exchange().expectStatus().isOk();
        String leedsMember = issuer.tokenWithGroups("/commissions/leeds/member");
        List<WebTestClient.ResponseSpec> answers = List.of(
                client.get().uri("/v1/commissions/headers").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                        .expectStatus().isOk(),
                client.get().uri("/v1/no-such-thing").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                        .expectStatus().isNotFound(),
                client.get().uri("/v1/commissions/headers").exchange()
                        .expectStatus().isUnauthorized(),
                client.get().uri("/v1/commissions/headers").header(HttpHeaders.AUTHORIZATION, "Bearer " + leedsMember).exchange()
                        .expectStatus().isForbidden());
        for (WebTestClient.ResponseSpec answer : answers) {
            answer.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().valueEquals("X-Frame-Options", "DENY")
                    .expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"));
        }
    }

    /** The thread each answer was committed on, by path ({@link AnswerThreads}). */
    private static final Map<String, String> committedOn = new ConcurrentHashMap<>();

    @TestConfiguration
    static class AnswerThreads {
        @Bean
        WebFilter recordTheThreadEachAnswerIsCommittedOn() {
            return (exchange, chain) -> {
                String path = exchange.getRequest().getPath().value();
                exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> committedOn.put(path, Thread.currentThread().getName())));
                return chain.filter(exchange);
            };
        }
    }

    @Test
    void anAnswerIsMadeOnTheCallersConnectionNotOnTheThreadOfTheChannelToTheService() {
        create("wakefield", "{\"displayName\": \"Wakefield\"}").exchange().expectStatus().isOk();
        client.get().uri("/v1/commissions/wakefield").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk();

        // The HTTP server's event loops are named "<factory>-http-epoll-<n>" (or nio); gRPC's, "grpc-default-worker-…".
        assertThat(committedOn.get("/v1/commissions")).contains("-http-").doesNotStartWith("grpc-");
        assertThat(committedOn.get("/v1/commissions/wakefield")).contains("-http-").doesNotStartWith("grpc-");
    }
}
