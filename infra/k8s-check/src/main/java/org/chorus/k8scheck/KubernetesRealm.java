package org.chorus.k8scheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The realm production imports, in Kubernetes (infra/k8s/base/keycloak-realm-import.yaml) and in compose
 * (infra/compose/chorus-realm.production.json), made from the development realm (infra/keycloak/chorus-realm.json)
 * so they cannot drift apart. What changes, and why:
 * <ul>
 *   <li>the demo people and the example organisations go (only the clients' service accounts stay);</li>
 *   <li>the demo commissions' groups go (membership makes each commission's groups when it grants a role);</li>
 *   <li>chorus-cli goes: its password grant is for local development only;</li>
 *   <li>a demo commission's own clients go (a dashboard for Leeds: their service account is in the commission's
 *       group), with their service accounts;</li>
 *   <li>each client secret becomes a placeholder: the operator fills it from Secret chorus-keycloak-clients,
 *       Keycloak in compose from the variable of that name;</li>
 *   <li>the gateway's root and redirect URIs name the public URL (in Kubernetes the example domain, which an overlay
 *       replaces; in compose the placeholder {@value #COMPOSE_PUBLIC_URL});</li>
 *   <li>TLS is required for every address outside the cluster (sslRequired: external);</li>
 *   <li>brute-force protection is on: after {@value #FAILURES_BEFORE_A_WAIT} wrong passwords in a row a person waits a
 *       minute, longer each time, at most 15 minutes (never locked out for good: an attacker could not lock a member out
 *       of being paid);</li>
 *   <li>passwords follow {@value #PASSWORD_POLICY}: long rather than complicated (NIST SP 800-63B), never the username
 *       or the email address.</li>
 * </ul>
 */
public final class KubernetesRealm {

    public static final String PUBLIC_URL = "https://chorus.example.org";
    public static final String COMPOSE_PUBLIC_URL = "${CHORUS_PUBLIC_URL}";
    public static final String CLIENT_SECRETS = "chorus-keycloak-clients";
    private static final String DEVELOPMENT_ONLY_CLIENT = "chorus-cli";
    static final int FAILURES_BEFORE_A_WAIT = 10;
    static final String PASSWORD_POLICY = "length(12) and maxLength(128) and notUsername(undefined) and notEmail(undefined)";

    private KubernetesRealm() {
    }

    /** The realm Kubernetes imports. */
    public static ObjectNode from(JsonNode developmentRealm) {
        return from(developmentRealm, PUBLIC_URL);
    }

    /** The realm for production whose people open Chorus at {@code publicUrl}. */
    public static ObjectNode from(JsonNode developmentRealm, String publicUrl) {
        ObjectNode realm = developmentRealm.deepCopy();
        realm.put("sslRequired", "external");
        realm.put("bruteForceProtected", true);
        realm.put("permanentLockout", false);
        realm.put("failureFactor", FAILURES_BEFORE_A_WAIT);
        realm.put("waitIncrementSeconds", 60);
        realm.put("maxFailureWaitSeconds", 900);
        realm.put("passwordPolicy", PASSWORD_POLICY);
        realm.remove("organizations");

        ArrayNode users = realm.putArray("users");
        developmentRealm.path("users").forEach(user -> {
            if (user.has("serviceAccountClientId") && !developmentOnly(developmentRealm, user.path("serviceAccountClientId").asText())) {
                users.add(user.deepCopy());
            }
        });

        for (JsonNode group : realm.path("groups")) {
            if ("/commissions".equals(group.path("path").asText())) {
                ((ObjectNode) group).putArray("subGroups");
            }
        }

        ArrayNode clients = realm.putArray("clients");
        for (JsonNode original : developmentRealm.path("clients")) {
            if (developmentOnly(developmentRealm, original.path("clientId").asText())) {
                continue;
            }
            ObjectNode client = original.deepCopy();
            if (client.has("secret")) {
                client.put("secret", "${" + placeholder(client.path("clientId").asText()) + "}");
            }
            if (client.has("rootUrl")) {
                client.put("rootUrl", publicUrl);
            }
            if (client.has("redirectUris")) {
                client.putArray("redirectUris").add(publicUrl + "/*");
                JsonNode attributes = client.path("attributes");
                if (attributes.has("post.logout.redirect.uris")) {
                    ((ObjectNode) attributes).put("post.logout.redirect.uris", publicUrl + "/*");
                }
            }
            clients.add(client);
        }
        return realm;
    }

    /** Each placeholder and the key of Secret chorus-keycloak-clients that fills it, in the realm's order. */
    public static Map<String, String> placeholders(JsonNode developmentRealm) {
        Map<String, String> placeholders = new LinkedHashMap<>();
        for (Iterator<JsonNode> it = developmentRealm.path("clients").elements(); it.hasNext(); ) {
            JsonNode client = it.next();
            String clientId = client.path("clientId").asText();
            if (client.has("secret") && !developmentOnly(developmentRealm, clientId)) {
                placeholders.put(placeholder(clientId), secretKey(clientId));
            }
        }
        return placeholders;
    }

    /** chorus-cli, and a client whose service account is in a demo commission's group. */
    private static boolean developmentOnly(JsonNode developmentRealm, String clientId) {
        if (DEVELOPMENT_ONLY_CLIENT.equals(clientId)) {
            return true;
        }
        for (JsonNode user : developmentRealm.path("users")) {
            if (clientId.equals(user.path("serviceAccountClientId").asText())) {
                for (JsonNode group : user.path("groups")) {
                    if (group.asText().startsWith("/commissions/")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** chorus-membership-admin → CHORUS_MEMBERSHIP_ADMIN_CLIENT_SECRET. */
    static String placeholder(String clientId) {
        return clientId.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_CLIENT_SECRET";
    }

    /** chorus-membership-admin → membership-admin, the key in Secret chorus-keycloak-clients. */
    static String secretKey(String clientId) {
        return clientId.startsWith("chorus-") ? clientId.substring("chorus-".length()) : clientId;
    }
}
