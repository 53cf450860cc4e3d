package org.chorus.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The browser's side of the gateway without a real Keycloak: who is sent to sign in, what the authorisation request asks
 * Keycloak for, and what reaches the console. The whole sign-in with the real Keycloak and console is the browser
 * suite's ({@code ConsoleBrowserIT}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleSignInTest {

    /**
     * Stands in for the console: answers each request with the Authorization and Cookie headers it was sent. It
     * stands in for Keycloak's discovery document too (any answer 200), so Keycloak counts as reachable.
     */
    private static final HttpServer console = echoServer();
    private static final String ISSUER = "http://127.0.0.1:" + console.getAddress().getPort() + "/realms/chorus";

    @LocalServerPort
    int port;
    @Autowired
    RouteLocator routes;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
        registry.add("chorus.gateway.console.uri", () -> "http://127.0.0.1:" + console.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        console.stop(0);
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void aPageNeedsSignInFirst() {
        client().get().uri("/console/commissions/leeds").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isFound()
                .expectHeader().location("/console/sign-in");
    }

    @Test
    void theSignInPageIsTheConsolesAndGetsNoTokenAndNotTheGatewaysSession() {
        String seen = client().get().uri("/console/sign-in")
                .header(HttpHeaders.COOKIE, "SESSION=gateway-session; XSRF-TOKEN=console-token")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(seen).isEqualTo("path=/console/sign-in authorization=none cookie=XSRF-TOKEN=console-token");
    }

    @Test
    void signInAsksKeycloakForACodeWithPkceAndTheOrganisationsOwnSignIn() {
        Map<String, String> query = authorisationRequest("salford-council");

        assertThat(query).containsEntry("response_type", "code")
                .containsEntry("client_id", "chorus-gateway")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("kc_idp_hint", "salford-council")
                .containsEntry("redirect_uri", "http://127.0.0.1:" + port + "/login/oauth2/code/keycloak")
                .containsKeys("code_challenge", "state", "nonce");
        assertThat(query.get("scope")).contains("openid");
        assertThat(query.get("code_challenge")).hasSize(43);
    }

    @Test
    void anOrganisationThatIsNotAnAliasIsIgnored() {
        assertThat(authorisationRequest("../admin%3Fx")).doesNotContainKey("kc_idp_hint").containsKey("code_challenge");
    }

    @Test
    void theApiStillAnswersWithProblemsNotRedirects() {
        client().get().uri("/v1/commissions").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theConsolesHealthAndMetricsAreNotOnTheRoute() {
        Route console = routes.getRoutes().filter(route -> route.getId().equals("console")).blockFirst();

        assertThat(matches(console, "/console/commissions/leeds")).isTrue();
        assertThat(matches(console, "/console/actuator/prometheus")).isFalse();
        assertThat(matches(console, "/console/actuator/health/readiness")).isFalse();
        assertThat(matches(console, "/console/actuator")).isFalse();
        client().get().uri("/console/actuator/health").exchange()
                .expectStatus().isFound()
                .expectHeader().location("/console/sign-in");
    }

    private static boolean matches(Route route, String path) {
        return Mono.from(route.getPredicate().apply(MockServerWebExchange.from(MockServerHttpRequest.get(path)))).block();
    }

    @Test
    void theGatewaysAddressLeadsToTheConsole() {
        client().get().uri("/").exchange()
                .expectStatus().isTemporaryRedirect()
                .expectHeader().location("/console/");
    }

    private Map<String, String> authorisationRequest(String organisation) {
        URI location = client().get().uri("/oauth2/authorization/keycloak?organisation=" + organisation).exchange()
                .expectStatus().isFound()
                .returnResult(Void.class).getResponseHeaders().getLocation();
        assertThat(location).isNotNull();
        assertThat(location.toString()).startsWith(ISSUER + "/protocol/openid-connect/auth?");
        return UriComponentsBuilder.fromUri(Objects.requireNonNull(location)).build(true).getQueryParams().toSingleValueMap()
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        entry -> java.net.URLDecoder.decode(entry.getValue(), StandardCharsets.UTF_8)));
    }

    private static HttpServer echoServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                List<String> authorization = exchange.getRequestHeaders().getOrDefault("Authorization", List.of("none"));
                List<String> cookie = exchange.getRequestHeaders().getOrDefault("Cookie", List.of("none"));
                byte[] body = ("path=" + exchange.getRequestURI().getPath() + " authorization=" + String.join(",", authorization)
                        + " cookie=" + String.join(",", cookie)).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
