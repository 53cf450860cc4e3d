package org.chorus.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The realm Kubernetes imports is the development realm made fit for production ({@link KubernetesRealm}).
 * When infra/keycloak/chorus-realm.json changes, regenerate the import:
 * {@code ./mvnw -pl infra/k8s-check test -Dtest=KubernetesRealmTest -Dk8s-check.write-realm=true}.
 */
class KubernetesRealmTest {

    static final Path ROOT = Repository.root();
    static final Path DEVELOPMENT_REALM = ROOT.resolve("infra/keycloak/chorus-realm.json");
    static final Path REALM_IMPORT = ROOT.resolve("infra/k8s/base/keycloak-realm-import.yaml");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REALM_CONFIG_MAP = "chorus-realm";
    static final String REALM_KEY = "chorus-realm.json";

    @Test
    void theImportedRealmIsTheDevelopmentRealmMadeFitForProduction() throws IOException {
        JsonNode development = JSON.readTree(DEVELOPMENT_REALM.toFile());
        if (Boolean.getBoolean("k8s-check.write-realm")) {
            Files.writeString(REALM_IMPORT, realmImport(development));
        }

        List<Manifest> manifests = KustomizeBase.read("keycloak-realm-import.yaml", REALM_IMPORT);

        assertThat(manifests).extracting(Manifest::kind).containsExactly("KeycloakRealmImport", "ConfigMap");
        JsonNode realmImport = manifests.get(0).tree();
        assertThat(realmImport.at("/spec/realm"))
                .as("keycloak-realm-import.yaml is out of date; regenerate it (see KubernetesRealmTest)")
                .isEqualTo(KubernetesRealm.from(development));
        assertThat(realmImport.at("/spec/keycloakCRName").asText()).isEqualTo("chorus-keycloak");
        assertThat(JSON.readTree(manifests.get(1).tree().at("/data/" + REALM_KEY).asText()))
                .as("the realm that chorus-keycloak-realm applies is the one imported")
                .isEqualTo(KubernetesRealm.from(development));
    }

    /**
     * Later changes of the realm reach the realm the operator imported: a CronJob runs the launcher's {@code realm apply}
     * on the ConfigMap generated beside the import, with every placeholder from the same Secret keys as the import.
     */
    @Test
    void aCronJobAppliesLaterChangesOfTheSameRealm() throws IOException {
        JsonNode development = JSON.readTree(DEVELOPMENT_REALM.toFile());
        Manifest cronJob = KustomizeBase.read("keycloak-realm-apply.yaml", ROOT.resolve("infra/k8s/base/keycloak-realm-apply.yaml"))
                .getFirst();
        JsonNode pod = cronJob.tree().at("/spec/jobTemplate/spec/template/spec");
        JsonNode container = pod.at("/containers/0");

        assertThat(cronJob.kind()).isEqualTo("CronJob");
        assertThat(container.path("image").asText()).startsWith("chorus/chorus-launcher:");
        assertThat(container.path("args").toString()).isEqualTo(
                "[\"realm\",\"apply\",\"--keycloak=http://chorus-keycloak-service:8080\",\"--file=/realm/" + REALM_KEY + "\"]");
        assertThat(pod.at("/volumes/0/configMap/name").asText()).isEqualTo(REALM_CONFIG_MAP);
        assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/realm");
        Map<String, String> fromSecrets = new java.util.TreeMap<>();
        for (JsonNode variable : container.path("env")) {
            JsonNode secret = variable.at("/valueFrom/secretKeyRef");
            if (secret.path("name").asText().equals(KubernetesRealm.CLIENT_SECRETS)) {
                fromSecrets.put(variable.path("name").asText(), secret.path("key").asText());
            }
        }
        assertThat(fromSecrets).isEqualTo(KubernetesRealm.placeholders(development));
    }

    @Test
    void noDemoPersonNoDevelopmentSecretAndNoPasswordGrantReachesProduction() throws IOException {
        String realm = KubernetesRealm.from(JSON.readTree(DEVELOPMENT_REALM.toFile())).toString();

        assertThat(realm).doesNotContain("dev-secret", "demo-password", "\"amara\"", "(example)", "chorus-cli",
                "localhost", "127.0.0.1", "/commissions/leeds");
        assertThat(realm).contains("${CHORUS_GATEWAY_CLIENT_SECRET}", "${CHORUS_MEMBERSHIP_ADMIN_CLIENT_SECRET}",
                "service-account-chorus-services", "\"sslRequired\":\"external\"");
    }

    @Test
    void productionSlowsDownPasswordGuessingAndAsksForLongPasswords() throws IOException {
        JsonNode realm = KubernetesRealm.from(JSON.readTree(DEVELOPMENT_REALM.toFile()));

        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("permanentLockout").asBoolean()).as("a member is never locked out for good").isFalse();
        assertThat(realm.path("failureFactor").asInt()).isEqualTo(10);
        assertThat(realm.path("maxFailureWaitSeconds").asInt()).isEqualTo(900);
        assertThat(realm.path("passwordPolicy").asText()).contains("length(12)", "notUsername", "notEmail");
    }

    @Test
    void everyPlaceholderComesFromTheClientSecrets() throws IOException {
        Map<String, String> placeholders = KubernetesRealm.placeholders(JSON.readTree(DEVELOPMENT_REALM.toFile()));

        assertThat(placeholders).containsEntry("CHORUS_SERVICES_CLIENT_SECRET", "services")
                .containsEntry("CHORUS_MEMBERSHIP_ADMIN_CLIENT_SECRET", "membership-admin")
                .doesNotContainKey("CHORUS_CLI_CLIENT_SECRET");
    }

    /** The manifest: a header, the resource in YAML, and the realm as indented JSON (YAML's flow style). */
    static String realmImport(JsonNode development) throws IOException {
        StringBuilder yaml = new StringBuilder("""
                # GENERATED from infra/keycloak/chorus-realm.json by infra/k8s-check (KubernetesRealmTest, which
                # fails when the two differ). Do not edit: change the development realm or KubernetesRealm, then
                # ./mvnw -pl infra/k8s-check test -Dtest=KubernetesRealmTest -Dk8s-check.write-realm=true
                # The Keycloak Operator imports it once into chorus-keycloak. No demo people, organisations or
                # development secrets: each client secret is a placeholder filled from Secret chorus-keycloak-clients.
                apiVersion: k8s.keycloak.org/v2alpha1
                kind: KeycloakRealmImport
                metadata:
                  name: chorus-realm
                  namespace: chorus
                  labels:
                    app.kubernetes.io/part-of: chorus
                spec:
                  keycloakCRName: chorus-keycloak
                  placeholders:
                """);
        for (Map.Entry<String, String> placeholder : KubernetesRealm.placeholders(development).entrySet()) {
            yaml.append("    ").append(placeholder.getKey()).append(":\n")
                    .append("      secret:\n")
                    .append("        name: ").append(KubernetesRealm.CLIENT_SECRETS).append('\n')
                    .append("        key: ").append(placeholder.getValue()).append('\n');
        }
        ObjectNode realm = KubernetesRealm.from(development);
        yaml.append("  realm:\n");
        List<String> lines = new ArrayList<>(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(realm).lines().toList());
        for (String line : lines) {
            yaml.append("    ").append(line).append('\n');
        }
        yaml.append("""
                ---
                # The same realm, for chorus-keycloak-realm (keycloak-realm-apply.yaml), which applies later changes of it.
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  namespace: chorus
                  labels:
                    app.kubernetes.io/part-of: chorus
                data:
                  %s: |
                """.formatted(REALM_CONFIG_MAP, REALM_KEY));
        for (String line : lines) {
            yaml.append("    ").append(line).append('\n');
        }
        return yaml.toString();
    }
}
