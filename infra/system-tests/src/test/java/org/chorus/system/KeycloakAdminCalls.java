package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.chorus.launcher.LocalKeycloak;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Keycloak's admin REST API as the master realm's administrator: what an operator does by hand
 * (a council's own realm, an account made outside Chorus), and reading what Chorus's realm holds.
 */
final class KeycloakAdminCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String keycloak;
    private final String token;

    private KeycloakAdminCalls(String keycloak, String token) {
        this.keycloak = keycloak;
        this.token = token;
    }

    static KeycloakAdminCalls asMasterAdmin(String keycloak) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username="
                        + URLEncoder.encode(LocalKeycloak.ADMIN_USERNAME, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(LocalKeycloak.ADMIN_PASSWORD, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new KeycloakAdminCalls(keycloak, JSON.readTree(answer.body()).path("access_token").asString());
    }

    /** One call; anything but a 2xx fails the test, saying what was asked and answered. */
    JsonNode call(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = send(method, path, body);
        assertThat(answer.statusCode() / 100).as(method + " " + path + ": " + answer.body()).isEqualTo(2);
        return answer.body().isEmpty() ? JSON.createArrayNode() : JSON.readTree(answer.body());
    }

    /** The id of the Chorus account with this exact username. */
    String chorusAccount(String username) throws IOException, InterruptedException {
        JsonNode found = call("GET", "/admin/realms/chorus/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8), null);
        assertThat(found.size()).as("the Chorus account " + username).isEqualTo(1);
        return found.get(0).path("id").asString();
    }

    /** A Chorus account with a password, made by hand as an operator might (kept if it exists); its id. */
    String createUserIfMissing(String username, String email, String firstName, String lastName, String password)
            throws IOException, InterruptedException {
        HttpResponse<String> made = send("POST", "/admin/realms/chorus/users", """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "%s", "lastName": "%s",
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}]}"""
                .formatted(username, email, firstName, lastName, password));
        assertThat(made.statusCode()).as("making " + username + ": " + made.body()).isIn(201, 409);
        return chorusAccount(username);
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(keycloak + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
