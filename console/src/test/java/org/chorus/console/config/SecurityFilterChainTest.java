package org.chorus.console.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The console's filter chain, without a platform: nothing listens where the platform would be, so a
 * signed-in page shows what a person sees when Chorus is down (the busy page), never a stack trace.
 */
@SpringBootTest(properties = {
        "chorus.console.platform=127.0.0.1:1",
        "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1/realms/chorus"})
@AutoConfigureMockMvc
@Import(SecurityFilterChainTest.RelayedTokens.class)
class SecurityFilterChainTest {

    /** The one token the test's decoder accepts, as the gateway's TokenRelay would send it. */
    static final String COORDINATOR_TOKEN = "relayed-coordinator-token";

    /**
     * Tokens as the gateway relays them, in the Authorization header: spring-security-test's {@code jwt()}
     * would also tell the CSRF filter to skip the request, which would hide what this test is for. Keycloak
     * is not running, so this decoder stands in for its keys; everything after decoding is the console's own.
     */
    @TestConfiguration
    static class RelayedTokens {
        @Bean
        @Primary
        JwtDecoder relayedTokenDecoder() {
            return token -> {
                if (!COORDINATOR_TOKEN.equals(token)) {
                    throw new BadJwtException("Not a token this test knows");
                }
                return Jwt.withTokenValue(token).header("alg", "RS256").subject("sam-coordinator")
                        .claim("realm_access", Map.of("roles", List.of("coordinator")))
                        .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300)).build();
            };
        }
    }

    private static final String CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self';"
            + " form-action 'self' http://127.0.0.1:1;"
            + " frame-ancestors 'none'; base-uri 'none'";

    @Autowired
    private MockMvc mvc;

    @Test
    void withoutATokenAPageRedirectsToSignIn() throws Exception {
        mvc.perform(console(get("/console/")))
                .andExpect(status().isFound())
                .andExpect(header().string(HttpHeaders.LOCATION, "/console/sign-in"));
    }

    @Test
    void aTokenThatIsNotOneRedirectsToSignIn() throws Exception {
        mvc.perform(console(get("/console/commissions/leeds")).header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token"))
                .andExpect(status().isFound())
                .andExpect(header().string(HttpHeaders.LOCATION, "/console/sign-in"));
    }

    @Test
    void signInIsOpenAndOffersEachOrganisation() throws Exception {
        mvc.perform(console(get("/console/sign-in")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/oauth2/authorization/keycloak\"")))
                .andExpect(content().string(containsString("href=\"/oauth2/authorization/keycloak?organisation=salford-housing-example\"")))
                .andExpect(content().string(containsString("Sign in with Leeds City Council (example)")))
                .andExpect(content().string(not(containsString("<script"))));
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (MockHttpServletRequestBuilder request : List.of(get("/console/sign-in"), get("/console/"), get("/console/assets/chorus.css"),
                get("/console/assets/idle.js"))) {
            mvc.perform(console(request))
                    .andExpect(header().string("Content-Security-Policy", CSP))
                    .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                    .andExpect(header().string("Referrer-Policy", "same-origin"))
                    .andExpect(header().string("X-Frame-Options", "DENY"));
        }
    }

    @Test
    void aFormSentWithoutTheCsrfTokenIsRefused() throws Exception {
        mvc.perform(console(post("/console/commissions/leeds/claims/k-1/approve")).with(coordinator())
                        .param("etag", "e").param("requestId", "7c0a5c1e-2f7e-4d1e-9a43-0f5f3c1d2b6a"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aFormSentWithTheCsrfTokenReachesThePlatform() throws Exception {
        mvc.perform(console(post("/console/commissions/leeds/claims/k-1/approve")).with(coordinator()).with(csrf())
                        .param("etag", "e").param("requestId", "7c0a5c1e-2f7e-4d1e-9a43-0f5f3c1d2b6a"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(containsString("Chorus is busy, try again in a minute")));
    }

    @Test
    void whenThePlatformIsDownAPersonSeesTheBusyPage() throws Exception {
        mvc.perform(console(get("/console/")).with(coordinator()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(containsString("Chorus is busy, try again in a minute")))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    @Test
    void aPageThatDoesNotExistIsTheNotFoundPage() throws Exception {
        mvc.perform(console(get("/console/no/such/page")).with(coordinator()))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("We could not find that page")));
    }

    @Test
    void theStylesheetIsOpenAndCachedForAYear() throws Exception {
        mvc.perform(console(get("/console/assets/chorus.css")))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "text/css;charset=UTF-8"))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("max-age=31536000")));
    }

    @Test
    void healthIsOpenButOtherActuatorEndpointsAreNot() throws Exception {
        mvc.perform(console(get("/console/actuator/health"))).andExpect(status().isOk());
        mvc.perform(console(get("/console/actuator/env")).with(coordinator())).andExpect(status().isForbidden());
    }

    @Test
    void signInPageAndStylesheetTogetherWeighWellUnderOneHundredKilobytes() throws Exception {
        int html = mvc.perform(console(get("/console/sign-in"))).andReturn().getResponse().getContentAsByteArray().length;
        int css = mvc.perform(console(get("/console/assets/chorus.css"))).andReturn().getResponse().getContentAsByteArray().length;
        // Uncompressed: the server compresses both (server.compression), which leaves far more room still.
        assertThat(html + css).isLessThan(150_000);
        assertThat(html).isLessThan(10_000);
    }

    @Test
    void theOneScriptIsServedFromTheConsoleAndCachedForAYear() throws Exception {
        String script = mvc.perform(console(get("/console/assets/idle.js")))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "text/javascript;charset=UTF-8"))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("max-age=31536000")))
                .andReturn().getResponse().getContentAsString();
        assertThat(script.length()).as("a small script").isLessThan(2048);
        assertThat(script).contains("showModal").contains("data-keep-alive").doesNotContain("innerHTML").doesNotContain("eval(");
    }

    @Test
    void aSignedInPageSaysWhenWeSignPeopleOutAndWarnsWithItsOwnScriptOnly() throws Exception {
        String page = mvc.perform(console(get("/console/sign-in")).with(coordinator()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("we sign you out after 30 minutes if you do nothing")
                .contains("role=\"alertdialog\"")
                .contains("data-warn-after-minutes=\"25\"")
                .contains("data-sign-out-after-minutes=\"30\"")
                .contains("data-keep-alive=\"/console/session/keep-alive\"")
                .containsPattern("<script src=\"/console/assets/idle\\.js\\?v=[0-9a-f]{16}\" defer></script>");
        assertThat(page.split("<script", -1)).as("one script, and it has a src: nothing inline").hasSize(2);
    }

    @Test
    void stayingSignedInIsALightAnswerForSomeoneSignedInAndSignInForAnyoneElse() throws Exception {
        mvc.perform(console(get("/console/session/keep-alive")).with(coordinator()))
                .andExpect(status().isNoContent())
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("no-store")));
        mvc.perform(console(get("/console/session/keep-alive")))
                .andExpect(status().isFound())
                .andExpect(header().string(HttpHeaders.LOCATION, "/console/sign-in"));
    }

    private static MockHttpServletRequestBuilder console(MockHttpServletRequestBuilder request) {
        return request.contextPath("/console");
    }

    private static RequestPostProcessor coordinator() {
        return request -> {
            request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + COORDINATOR_TOKEN);
            return request;
        };
    }
}
