package org.chorus.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;

/** The gateway reads a bearer token exactly as Spring's converter (with its regular expression) does. */
class BearerTokenTest {

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc.DEF-123_~+/x", "bearer abc==", "BEARER a", "Bearer abc=", "Bearer ", "Bearer  abc",
        "Bearer abc def", "Bearer abc=d", "Bearer ===", "Bearer=abc", "Bearerabc", "Bearer\tabc", "Bearer é", "Bearer abc\n"})
    void aTokenIsReadAsSpringReadsIt(String authorization) {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/v1/commissions").header(HttpHeaders.AUTHORIZATION, authorization));
        String spring;
        try {
            spring = ((BearerTokenAuthenticationToken) new ServerBearerTokenAuthenticationConverter().convert(exchange).block()).getToken();
        } catch (RuntimeException malformed) {
            spring = null;
        }
        assertThat(SecurityConfiguration.bearerToken(authorization)).isEqualTo(spring);
    }
}
