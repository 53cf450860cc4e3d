package org.chorus.console.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What only a real server shows (MockMvc's response drops a cookie's SameSite and compresses nothing): the
 * CSRF cookie as browsers get it, and the stylesheet and pages compressed on the wire.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chorus.console.platform=127.0.0.1:1",
        "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1/realms/chorus"})
class ServedOverHttpTest {

    /** What a browser asks for when it sends a form. */
    private static final String BROWSER_ACCEPTS = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Test
    void theCsrfCookieIsHttpOnlyStrictAndForTheConsoleOnly() throws Exception {
        HttpResponse<String> signIn = client.send(request("/console/sign-in").build(), HttpResponse.BodyHandlers.ofString());

        String cookie = signIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
        assertThat(cookie).contains("Path=/console").contains("HttpOnly").contains("SameSite=Strict");
    }

    @Test
    void theStylesheetIsCompressedToUnderTwentyKilobytes() throws Exception {
        HttpResponse<byte[]> css = client.send(request("/console/assets/chorus.css").header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(css.body().length).isLessThan(20_000);
    }

    @Test
    void theSignInPageAndItsStylesheetWeighUnderOneHundredKilobytesOnTheWire() throws Exception {
        HttpResponse<byte[]> page = client.send(request("/console/sign-in").header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> css = client.send(request("/console/assets/chorus.css").header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(page.body().length + css.body().length).isLessThan(100_000);
    }

    @Test
    void aFormSentWithoutItsCsrfTokenGetsAPageInPlainWords() throws Exception {
        HttpResponse<String> refused = client.send(request("/console/commissions/leeds/claims/k-1/approve")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", BROWSER_ACCEPTS)
                        .POST(HttpRequest.BodyPublishers.ofString("etag=e&requestId=r")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("This form has timed out").doesNotContain("Exception").doesNotContain("Whitelabel");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }
}
