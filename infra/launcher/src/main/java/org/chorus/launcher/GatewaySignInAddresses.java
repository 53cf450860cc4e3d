package org.chorus.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tells the realm where this platform's gateways listen, so that the console's sign-in may come back to them and its
 * sign-out go on to them: the realm file names the gateway of {@code ./chorus up} on its usual port, while tests,
 * several instances or {@code --port-offset} put gateways elsewhere. Done through Keycloak's admin API on every start,
 * so it also reaches a Keycloak whose realm was imported before (a realm file is imported only once). Adds addresses,
 * never removes one.
 */
public final class GatewaySignInAddresses {

    static final String GATEWAY_CLIENT = "chorus-gateway";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GatewaySignInAddresses() {
    }

    /** Lets the gateway's client come back to each of these base URLs ({@code http://host:port}). */
    public static void allow(KeycloakEndpoint keycloak, List<String> gatewayUrls) {
        try {
            String token = JSON.readTree(send(keycloak, "POST", "/realms/master/protocol/openid-connect/token", null,
                    "application/x-www-form-urlencoded",
                    "grant_type=password&client_id=admin-cli&username=" + encode(LocalKeycloak.ADMIN_USERNAME)
                            + "&password=" + encode(LocalKeycloak.ADMIN_PASSWORD))).path("access_token").asString();
            JsonNode found = JSON.readTree(send(keycloak, "GET", "/admin/realms/" + KeycloakEndpoint.REALM
                    + "/clients?clientId=" + encode(GATEWAY_CLIENT), token, null, null));
            if (found.size() != 1) {
                throw new StartupException("The realm has no client " + GATEWAY_CLIENT + "; is it the Chorus realm?");
            }
            ObjectNode client = (ObjectNode) found.get(0);
            boolean changed = false;
            for (String gatewayUrl : gatewayUrls) {
                changed |= allowOne(client, gatewayUrl + "/*");
            }
            if (changed) {
                send(keycloak, "PUT", "/admin/realms/" + KeycloakEndpoint.REALM + "/clients/" + client.path("id").asString(),
                        token, "application/json", JSON.writeValueAsString(client));
            }
        } catch (IOException e) {
            throw new StartupException("Could not tell Keycloak where the gateway is: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("Interrupted while telling Keycloak where the gateway is", e);
        }
    }

    private static boolean allowOne(ObjectNode client, String pattern) {
        boolean changed = false;
        ArrayNode redirects = client.withArray("redirectUris");
        if (redirects.valueStream().noneMatch(uri -> uri.asString().equals(pattern))) {
            redirects.add(pattern);
            changed = true;
        }
        ObjectNode attributes = client.withObject("attributes");
        String afterSignOut = attributes.path("post.logout.redirect.uris").asString("");
        if (!List.of(afterSignOut.split("##")).contains(pattern)) {
            attributes.put("post.logout.redirect.uris", afterSignOut.isEmpty() ? pattern : afterSignOut + "##" + pattern);
            changed = true;
        }
        return changed;
    }

    private static String send(KeycloakEndpoint keycloak, String method, String path, String token, String contentType,
                               String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " answered " + answer.statusCode());
        }
        return answer.body();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
