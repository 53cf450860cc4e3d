package org.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.chorus.gateway.openapi.OpenApiDocument;
import org.chorus.gateway.transcoding.HttpRoute;
import org.chorus.gateway.transcoding.RouteTable;
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
import org.springframework.test.web.reactive.server.WebTestClient;

/** The OpenAPI document and Swagger UI, and the rate limits per caller and per commission. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayApiDocsAndRateLimitTest {

    private static final TestIssuer issuer = TestIssuer.start();
    private static final Server commissions = start();

    @LocalServerPort
    int port;

    @Autowired
    RouteTable routes;

    WebTestClient client;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuer);
        registry.add("chorus.gateway.backends.commissions", () -> "127.0.0.1:" + commissions.getPort());
        registry.add("chorus.gateway.rate-limits.per-caller", () -> "3");
        registry.add("chorus.gateway.rate-limits.per-commission", () -> "5");
        // Long, so a test does not straddle two fixed windows.
        registry.add("chorus.gateway.rate-limits.window", () -> "1h");
    }

    private static Server start() {
        try {
            return Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                    .addService(new FakeCommissionsService()).build().start();
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
        // The API document outgrows WebClient's default 256 KiB buffer as the contract grows.
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
    }

    @Test
    void theOpenApiDocumentIsOpenAndCoversEveryAnnotatedRoute() {
        String body = client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        JsonObject doc = JsonParser.parseString(body).getAsJsonObject();

        assertThat(doc.get("openapi").getAsString()).startsWith("3.1.");
        JsonObject paths = doc.getAsJsonObject("paths");
        assertThat(routes.routes()).hasSizeGreaterThanOrEqualTo(11);
        for (HttpRoute route : routes.routes()) {
            String path = OpenApiDocument.OpenApiPath.of(route.template().toString()).path();
            assertThat(paths.has(path)).as("path of %s", route.describe()).isTrue();
            assertThat(paths.getAsJsonObject(path).has(route.httpMethod().name().toLowerCase()))
                    .as("operation of %s", route.describe()).isTrue();
        }
        JsonObject get = paths.getAsJsonObject("/v1/commissions/{commission}").getAsJsonObject("get");
        assertThat(get.get("description").getAsString()).startsWith("Returns one commission.");
        assertThat(paths.has("/v1/commissions/{commission}/claims/{claim}:approve")).isTrue();
        assertThat(get.getAsJsonObject("responses").has("503")).isTrue();

        JsonObject schemas = doc.getAsJsonObject("components").getAsJsonObject("schemas");
        JsonObject commission = schemas.getAsJsonObject("chorus.commissions.v1.Commission").getAsJsonObject("properties");
        assertThat(commission.has("displayName")).isTrue();
        assertThat(commission.getAsJsonObject("createTime").get("format").getAsString()).isEqualTo("date-time");
        assertThat(commission.getAsJsonObject("startDate").get("$ref").getAsString()).isEqualTo("#/components/schemas/google.type.Date");
        assertThat(commission.getAsJsonObject("state").get("$ref").getAsString()).isEqualTo("#/components/schemas/chorus.commissions.v1.Commission.State");
        assertThat(schemas.getAsJsonObject("chorus.commissions.v1.Commission.State").getAsJsonArray("enum").toString()).contains("\"ACTIVE\"");
        assertThat(schemas.getAsJsonObject("chorus.commissions.v1.Commission").has("description")).isTrue();
        assertThat(doc.getAsJsonObject("components").getAsJsonObject("securitySchemes").getAsJsonObject("bearer")
                .get("scheme").getAsString()).isEqualTo("bearer");
        assertThat(doc.getAsJsonObject("components").getAsJsonObject("responses").getAsJsonObject("429")
                .getAsJsonObject("content").has("application/problem+json")).isTrue();
        JsonObject reason = schemas.getAsJsonObject("Problem").getAsJsonObject("properties").getAsJsonObject("reason");
        assertThat(reason.getAsJsonArray("enum").toString()).contains("\"STALE_ETAG\"", "\"BODY_TOO_LARGE\"", "\"RATE_LIMITED\"");
        assertThat(reason.get("description").getAsString()).contains("- `RATE_LIMITED`: Too many requests came from this caller");
    }

    @Test
    void theDocsPageLoadsSwaggerUiWithTheDocument() {
        client.get().uri("/docs").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(html -> assertThat(html).contains("/v3/api-docs").contains("swagger-ui-bundle.js"));
        client.get().uri("/docs/ui/swagger-ui-bundle.js").exchange().expectStatus().isOk();
    }

    @Test
    void theContractIsServedAsOneGatewayRoutePerBackendListedByTheActuator() {
        client.get().uri("/actuator/gateway/routes").exchange().expectStatus().isUnauthorized();

        String body = client.get().uri("/actuator/gateway/routes")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.tokenFor("routes-reader"))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        List<String> backends = routes.routes().stream().map(HttpRoute::backend).distinct().toList();
        assertThat(backends).contains("commissions", "membership", "payments", "reporting");
        var listed = JsonParser.parseString(body).getAsJsonArray();
        for (String backend : backends) {
            var route = listed.asList().stream().map(element -> element.getAsJsonObject())
                    .filter(candidate -> candidate.get("route_id").getAsString().equals(backend))
                    .findFirst().orElseThrow(() -> new AssertionError("no route for " + backend + " in " + body));
            assertThat(route.get("predicate").getAsString()).startsWith("Contract: " + backend);
            assertThat(route.get("filters").toString()).contains("RequestRateLimiter", "TranscodingFilter");
        }
        assertThat(body).contains("commissions").contains("GET /v1/{name=commissions/*}");
    }

    private WebTestClient.ResponseSpec list(String subject) {
        return client.get().uri("/v1/commissions")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.tokenFor(subject))
                .exchange();
    }

    @Test
    void aCallerOverTheirLimitIsRefusedWith429AndRateLimitHeaders() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            list("caller-a").expectStatus().isOk()
                    .expectHeader().valueEquals("RateLimit-Limit", "3")
                    .expectHeader().valueEquals("RateLimit-Remaining", Integer.toString(remaining))
                    .expectHeader().exists("RateLimit-Reset");
        }

        list("caller-a").expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectHeader().valueEquals("RateLimit-Remaining", "0")
                .expectBody()
                .jsonPath("$.reason").isEqualTo("RATE_LIMITED")
                .jsonPath("$.status").isEqualTo(429);

        list("caller-b").expectStatus().isOk();

        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text)
                        .contains("chorus_gateway_rate_limit_rejections_total{route=\"/v1/commissions\",scope=\"caller\"} 1.0"));
    }

    @Test
    void aCommissionOverItsLimitIsRefusedWhateverTheCaller() {
        for (String subject : List.of("caller-c", "caller-c", "caller-c", "caller-d", "caller-d")) {
            client.get().uri("/v1/commissions/busy-town")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.tokenFor(subject))
                    .exchange()
                    .expectStatus().isNotFound();
        }

        client.get().uri("/v1/commissions/busy-town")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.tokenFor("caller-d"))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("RateLimit-Limit", "5")
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("for this commission"));

        client.get().uri("/v1/commissions/quiet-town")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.tokenFor("caller-e"))
                .exchange()
                .expectStatus().isNotFound();
    }
}
