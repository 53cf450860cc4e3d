package org.chorus.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Signing in while Keycloak does not answer (its issuer is a closed port): a plain page saying so, 503, rather than a
 * redirect to an address that does not answer or an error page; and the code exchange failing to reach Keycloak
 * gets the same page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInWhenKeycloakIsDownTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> "http://127.0.0.1:1/realms/chorus");
    }

    @Test
    void startingToSignInGetsAPlainPage() {
        assertPlainPage("/oauth2/authorization/keycloak");
        assertPlainPage("/oauth2/authorization/keycloak?organisation=salford-council");
    }

    @Test
    void comingBackFromSignInGetsAPlainPage() {
        assertPlainPage("/login/oauth2/code/keycloak?code=a-code&state=a-state");
    }

    @Test
    void theCodeExchangeFailingToReachKeycloakGetsThePageToo() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/login/oauth2/code/keycloak?code=c&state=s"));
        WebFilterChain exchangeFails = served -> Mono.error(new IllegalStateException("token endpoint", new ConnectException("refused")));

        new SignInUnavailable(new IssuerReachability(Mono.just(true))).filter(exchange, exchangeFails).block(Duration.ofSeconds(5));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)))
                .contains("We can't sign you in just now. Please try again in a few minutes.");
    }

    @Test
    void otherFailuresAndOtherPathsAreLeftAlone() {
        SignInUnavailable filter = new SignInUnavailable(new IssuerReachability(Mono.just(false)));
        AtomicInteger passed = new AtomicInteger();
        MockServerWebExchange page = MockServerWebExchange.from(MockServerHttpRequest.get("/console/sign-in"));
        filter.filter(page, served -> Mono.fromRunnable(passed::incrementAndGet)).block(Duration.ofSeconds(5));
        assertThat(passed).hasValue(1);

        MockServerWebExchange refused = MockServerWebExchange.from(MockServerHttpRequest.get("/login/oauth2/code/keycloak"));
        IllegalArgumentException notAboutKeycloak = new IllegalArgumentException("a bad state");
        SignInUnavailable up = new SignInUnavailable(new IssuerReachability(Mono.just(true)));
        assertThat(up.filter(refused, served -> Mono.error(notAboutKeycloak)).onErrorResume(e -> e == notAboutKeycloak, e -> Mono.empty())
                .then(Mono.just(refused.getResponse().getStatusCode() == null)).block(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void keycloakIsAskedOnceForABurstOfSignIns() {
        AtomicInteger asked = new AtomicInteger();
        IssuerReachability keycloak = new IssuerReachability(Mono.fromCallable(() -> asked.incrementAndGet() > 0));
        for (int i = 0; i < 5; i++) {
            assertThat(keycloak.reachable().block(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(asked).hasValue(1);
    }

    private void assertPlainPage(String path) {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
        String page = client.get().uri(path).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "120")
                .expectHeader().doesNotExist(HttpHeaders.LOCATION)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("We can't sign you in just now. Please try again in a few minutes.")
                .doesNotContainIgnoringCase("whitelabel").doesNotContainIgnoringCase("exception").doesNotContain("127.0.0.1:1");
    }
}
