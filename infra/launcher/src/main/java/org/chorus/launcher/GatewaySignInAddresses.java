package org.chorus.launcher;

import java.util.List;
import tools.jackson.databind.JsonNode;
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

    private GatewaySignInAddresses() {
    }

    /** Lets the gateway's client come back to each of these base URLs ({@code http://host:port}). */
    public static void allow(KeycloakEndpoint keycloak, List<String> gatewayUrls) {
        try {
            KeycloakAdmin admin = KeycloakAdmin.signIn(keycloak.baseUrl(), KeycloakEndpoint.REALM, LocalKeycloak.ADMIN_USERNAME,
                    LocalKeycloak.ADMIN_PASSWORD);
            JsonNode found = admin.call("GET", "/clients?clientId=" + KeycloakAdmin.encode(GATEWAY_CLIENT), null,
                    "find the client " + GATEWAY_CLIENT);
            if (found.size() != 1) {
                throw new StartupException("The realm has no client " + GATEWAY_CLIENT + "; is it the Chorus realm?");
            }
            ObjectNode client = (ObjectNode) found.get(0);
            boolean changed = false;
            for (String gatewayUrl : gatewayUrls) {
                changed |= allowOne(client, gatewayUrl + "/*");
            }
            if (changed) {
                admin.call("PUT", "/clients/" + client.path("id").asString(), client, "add the gateway's addresses to its client");
            }
        } catch (IllegalStateException e) {
            throw new StartupException("Could not tell Keycloak where the gateway is: " + e.getMessage(), e);
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
}
