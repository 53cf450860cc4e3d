package org.chorus.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Keycloak's admin API for one realm, signed in to the {@code master} realm as an administrator ({@code admin-cli}).
 * Every refusal is an {@link IllegalStateException} saying what Keycloak would not do and what it answered.
 */
public final class KeycloakAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String realm;
    private final String token;

    private KeycloakAdmin(String baseUrl, String realm, String token) {
        this.baseUrl = baseUrl;
        this.realm = realm;
        this.token = token;
    }

    /** Signs in at {@code baseUrl} (e.g. {@code http://127.0.0.1:8180}) to administer {@code realm}. */
    public static KeycloakAdmin signIn(String baseUrl, String realm, String username, String password) {
        HttpResponse<String> answer = exchange(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=" + encode(username)
                        + "&password=" + encode(password)))
                .build());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused the administrator's sign-in (HTTP " + answer.statusCode()
                    + "): check the administrator's username and password");
        }
        return new KeycloakAdmin(baseUrl, realm, JSON.readTree(answer.body()).path("access_token").asString());
    }

    /**
     * One call below {@code /admin/realms/<realm>} ({@code path} empty: the realm itself).
     *
     * @param body sent as JSON, or {@code null}
     * @param what what the call does, for the message if Keycloak refuses it ("change the client x")
     * @return the answer's JSON, an empty object when it has none
     */
    public JsonNode call(String method, String path, JsonNode body, String what) {
        HttpResponse<String> answer = send(method, baseUrl + "/admin/realms/" + encode(realm) + path, body);
        if (answer.statusCode() / 100 != 2) {
            String text = answer.body();
            throw new IllegalStateException("Keycloak would not " + what + " (HTTP " + answer.statusCode() + "): "
                    + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
        }
        return answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
    }

    /** The realm's representation, or empty when Keycloak has no realm of that name. */
    public Optional<JsonNode> realm() {
        HttpResponse<String> answer = send("GET", baseUrl + "/admin/realms/" + encode(realm), null);
        return answer.statusCode() == 404 ? Optional.empty() : Optional.of(call("GET", "", null, "read the realm " + realm));
    }

    /** Imports a whole realm (its name is in {@code representation}). */
    public void createRealm(JsonNode representation) {
        HttpResponse<String> answer = send("POST", baseUrl + "/admin/realms", representation);
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("Keycloak would not create the realm (HTTP " + answer.statusCode() + "): " + answer.body());
        }
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(String method, String uri, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return exchange(request.build());
    }

    private static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Could not reach Keycloak at " + request.uri().getHost() + ":" + request.uri().getPort()
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while talking to Keycloak", e);
        }
    }
}
