package org.chorus.launcher;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Gets access tokens from the Chorus realm: the password grant (client {@code chorus-cli}) and client credentials. */
public final class Tokens {

    public static final String CLI_CLIENT = "chorus-cli";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KeycloakEndpoint keycloak;

    public Tokens(KeycloakEndpoint keycloak) {
        this.keycloak = keycloak;
    }

    /** An access token for a realm user, by the password grant on the public client {@code chorus-cli}. */
    public String password(String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", CLI_CLIENT);
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        return request(form, "user " + username);
    }

    /** An access token for a confidential client's service account. */
    public String clientCredentials(String clientId, String secret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        return request(form, "client " + clientId);
    }

    private String request(Map<String, String> form, String who) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.tokenUri()))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new TokenRefusedException("Keycloak refused a token for " + who + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
            Object token = JSON.readValue(response.body(), Map.class).get("access_token");
            if (!(token instanceof String accessToken)) {
                throw new TokenRefusedException("Keycloak's answer for " + who + " has no access_token");
            }
            return accessToken;
        } catch (IOException e) {
            throw new TokenRefusedException("Could not reach Keycloak at " + keycloak.tokenUri() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRefusedException("Interrupted while asking Keycloak for a token");
        }
    }

    /** Keycloak did not issue the token (wrong password, unknown client, unreachable). */
    public static final class TokenRefusedException extends RuntimeException {
        public TokenRefusedException(String message) {
            super(message);
        }
    }
}
