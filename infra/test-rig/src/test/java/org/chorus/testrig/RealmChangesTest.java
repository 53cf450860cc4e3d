package org.chorus.testrig;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.launcher.KeycloakAdmin;
import org.chorus.launcher.LocalKeycloak;
import org.chorus.launcher.ProjectRoot;
import org.chorus.launcher.RealmChanges;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RealmChanges} against the real Keycloak, on a realm of its own made from the Chorus realm file (the realm the
 * other tests use is never touched): a realm file changed after the import reaches the realm, what people and
 * administrators changed in it since stays, and the same file applied again changes nothing.
 */
class RealmChangesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET_VARIABLE = "CHORUS_REPORTS_EXPORT_SECRET";

    private final RealKeycloak keycloak = RealKeycloak.get();
    private final String realm = "realm-changes-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aChangedRealmFileReachesTheRealmAndKeepsWhatPeopleChanged() throws Exception {
        ObjectNode file = realmFile();
        assertThat(apply(file, Map.of())).containsExactly("realm " + realm + " created");
        assertThat(apply(file, Map.of())).as("the file just imported, applied again").isEmpty();

        // Since the import: a person changed their password, and an administrator gave the gateway another address.
        String amara = admin("GET", "/users?exact=true&username=amara", null).get(0).path("id").asString();
        admin("PUT", "/users/" + amara + "/reset-password", JSON.readTree("""
                {"type": "password", "value": "a-password-amara-chose", "temporary": false}"""));

        file.put("accessTokenLifespan", 240);
        file.put("bruteForceProtected", true);
        ObjectNode gateway = client(file, "chorus-gateway");
        ((ArrayNode) gateway.withArray("redirectUris")).add("https://chorus.example.org/*");
        ((ArrayNode) gateway.withArray("optionalClientScopes")).removeAll();
        ObjectNode chorusScope = scope(file, "chorus");
        ArrayNode mappers = chorusScope.withArray("protocolMappers");
        String removedMapper = mappers.get(0).path("name").asString();
        mappers.remove(0);
        mappers.add(JSON.readTree("""
                {"name": "reports-audience", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
                 "config": {"included.custom.audience": "chorus-reports", "access.token.claim": "true",
                            "id.token.claim": "false"}}"""));
        file.withArray("clients").add(JSON.readTree("""
                {"clientId": "chorus-reports-export", "enabled": true, "publicClient": false, "secret": "${%s}",
                 "serviceAccountsEnabled": true, "standardFlowEnabled": false, "directAccessGrantsEnabled": false}"""
                .formatted(SECRET_VARIABLE)));
        file.withObject("roles").withArray("realm").add(JSON.readTree("""
                {"name": "auditor", "description": "Reads the ledger's audit."}"""));
        List<String> changes = apply(file, Map.of(SECRET_VARIABLE, "a-secret-from-the-environment"));

        assertThat(changes).containsExactlyInAnyOrder("realm settings", "client chorus-gateway",
                "client scope chorus: mapper " + removedMapper + " removed", "client scope chorus: mapper reports-audience added",
                "client chorus-reports-export added", "realm role auditor added",
                "client chorus-gateway's optional scopes: organization removed",
                "client chorus-gateway's optional scopes: offline_access removed");
        JsonNode settings = admin("GET", "", null);
        assertThat(settings.path("accessTokenLifespan").asInt()).isEqualTo(240);
        assertThat(settings.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(names(admin("GET", "/clients?clientId=chorus-gateway", null).get(0).path("redirectUris")))
                .contains("https://chorus.example.org/*");
        String export = admin("GET", "/clients?clientId=chorus-reports-export", null).get(0).path("id").asString();
        assertThat(admin("GET", "/clients/" + export + "/client-secret", null).path("value").asString())
                .isEqualTo("a-secret-from-the-environment");
        String scopeId = scopeId("chorus");
        List<String> mapperNames = new ArrayList<>();
        admin("GET", "/client-scopes/" + scopeId + "/protocol-mappers/models", null).forEach(m -> mapperNames.add(m.path("name").asString()));
        assertThat(mapperNames).contains("reports-audience").doesNotContain(removedMapper);
        assertThat(admin("GET", "/roles/auditor", null).path("description").asString()).isEqualTo("Reads the ledger's audit.");
        assertThat(signIn("amara", "a-password-amara-chose")).as("a person's own password stays").isEqualTo(200);
        assertThat(signIn("fin", "demo-password")).isEqualTo(200);

        assertThat(apply(file, Map.of(SECRET_VARIABLE, "a-secret-from-the-environment"))).as("the same file again").isEmpty();
    }

    @Test
    void theProductionRealmAppliedAgainChangesNothing() throws Exception {
        ObjectNode file = (ObjectNode) JSON.readTree(Files.readString(ProjectRoot.find().resolve("infra/compose/chorus-realm.production.json")));
        file.put("realm", realm);
        Map<String, String> environment = Map.of("CHORUS_PUBLIC_URL", "https://chorus.example.org",
                "CHORUS_GATEWAY_CLIENT_SECRET", "gateway-secret", "CHORUS_DASHBOARD_CLIENT_SECRET", "dashboard-secret",
                "CHORUS_SERVICES_CLIENT_SECRET", "services-secret", "CHORUS_MEMBERSHIP_ADMIN_CLIENT_SECRET", "membership-secret");

        assertThat(apply(file, environment)).containsExactly("realm " + realm + " created");
        assertThat(apply(file, environment)).isEmpty();
        String services = admin("GET", "/clients?clientId=chorus-services", null).get(0).path("id").asString();
        assertThat(admin("GET", "/clients/" + services + "/client-secret", null).path("value").asString()).isEqualTo("services-secret");

        assertThatThrownBy(() -> apply(file, Map.of("CHORUS_PUBLIC_URL", "https://chorus.example.org")))
                .hasMessageContaining("CHORUS_GATEWAY_CLIENT_SECRET");
        assertThat(admin("GET", "/clients/" + services + "/client-secret", null).path("value").asString())
                .as("nothing changed").isEqualTo("services-secret");
    }

    @Test
    void aWrongAdministratorPasswordSaysWhatToCheck() {
        assertThatThrownBy(() -> RealmChanges.apply(keycloak.baseUrl(), LocalKeycloak.ADMIN_USERNAME, "not-the-password",
                realmFile().toString(), Map.of()))
                .hasMessageContaining("Keycloak refused the administrator's sign-in")
                .hasMessageContaining("username and password");
    }

    private List<String> apply(ObjectNode file, Map<String, String> environment) {
        return RealmChanges.apply(keycloak.baseUrl(), LocalKeycloak.ADMIN_USERNAME, LocalKeycloak.ADMIN_PASSWORD,
                JSON.writeValueAsString(file), environment);
    }

    private ObjectNode realmFile() throws IOException {
        ObjectNode file = (ObjectNode) JSON.readTree(Files.readString(ProjectRoot.realmFile(ProjectRoot.find())));
        file.put("realm", realm);
        file.put("displayName", "Realm changes test");
        return file;
    }

    private static ObjectNode client(ObjectNode file, String clientId) {
        for (JsonNode client : file.withArray("clients")) {
            if (client.path("clientId").asString().equals(clientId)) {
                return (ObjectNode) client;
            }
        }
        throw new AssertionError("no client " + clientId + " in the realm file");
    }

    private static ObjectNode scope(ObjectNode file, String name) {
        for (JsonNode scope : file.withArray("clientScopes")) {
            if (scope.path("name").asString().equals(name)) {
                return (ObjectNode) scope;
            }
        }
        throw new AssertionError("no client scope " + name + " in the realm file");
    }

    private String scopeId(String name) throws Exception {
        for (JsonNode scope : admin("GET", "/client-scopes", null)) {
            if (scope.path("name").asString().equals(name)) {
                return scope.path("id").asString();
            }
        }
        throw new AssertionError("no client scope " + name + " in the realm");
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(n -> names.add(n.asString()));
        return names;
    }

    private int signIn(String username, String password) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=chorus-cli&username=" + username
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private JsonNode admin(String method, String path, JsonNode body) {
        return KeycloakAdmin.signIn(keycloak.baseUrl(), realm, LocalKeycloak.ADMIN_USERNAME, LocalKeycloak.ADMIN_PASSWORD)
                .call(method, path, body, method + " " + path);
    }
}
