package org.chorus.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** infra/k8s/base, rendered and checked: prints the line CI shows, and fails on any invalid object. */
class KubernetesBaseTest {

    static final Path K8S = Repository.root().resolve("infra/k8s");

    @Test
    void everyObjectOfTheBaseIsValid() {
        List<Manifest> base = KustomizeBase.render(K8S.resolve("base"));
        Map<String, Set<String>> secrets = ManifestCheck.secretsIn(examples());

        ManifestCheck.Result result = ManifestCheck.check(base, secrets);

        System.out.println(result.summary());
        assertThat(result.problems()).as(result.summary()).isEmpty();
        assertThat(base).extracting(Manifest::kind)
                .contains("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy",
                        "ConfigMap", "Cluster", "Keycloak", "KeycloakRealmImport", "CronJob")
                .doesNotContain("Secret");
    }

    @Test
    void theExampleSecretsAreValidSecretsAndSayTheyAreExamples() {
        List<Manifest> examples = examples();

        ManifestCheck.Result result = ManifestCheck.check(examples, ManifestCheck.secretsIn(examples));

        assertThat(result.problems()).isEmpty();
        assertThat(examples).isNotEmpty().allSatisfy(secret -> {
            assertThat(secret.kind()).isEqualTo("Secret");
            secret.tree().path("stringData").fields().forEachRemaining(entry -> {
                if (!entry.getKey().equals("username")) {
                    assertThat(entry.getValue().asText()).as(secret.label() + " " + entry.getKey()).startsWith("EXAMPLE");
                }
            });
        });
    }

    @Test
    void eachDatabaseRoleSecretNamesItsRole() {
        Map<String, String> usernames = new java.util.HashMap<>();
        examples().forEach(secret -> usernames.put(secret.name(), secret.tree().at("/stringData/username").asText(null)));
        Manifest cluster = KustomizeBase.render(K8S.resolve("base")).stream()
                .filter(object -> object.kind().equals("Cluster")).findFirst().orElseThrow();

        // CloudNativePG sets a managed role's password only from a basic-auth Secret whose username is the role.
        cluster.tree().at("/spec/managed/roles").forEach(role -> assertThat(
                usernames.get(role.at("/passwordSecret/name").asText())).isEqualTo(role.path("name").asText()));
        assertThat(usernames.get(cluster.tree().at("/spec/bootstrap/initdb/secret/name").asText()))
                .isEqualTo(cluster.tree().at("/spec/bootstrap/initdb/owner").asText());
    }

    @Test
    void everyPlatformDeploymentRunsTwoReplicasWithProbesAndLimits() {
        List<Manifest> deployments = KustomizeBase.render(K8S.resolve("base")).stream()
                .filter(object -> object.kind().equals("Deployment")).toList();

        assertThat(deployments).extracting(Manifest::name)
                .containsExactlyInAnyOrder("gateway", "console", "commissions", "membership", "payments", "reporting");
        assertThat(deployments).allSatisfy(deployment -> {
            assertThat(deployment.tree().at("/spec/replicas").asInt()).isEqualTo(2);
            var container = deployment.tree().at("/spec/template/spec/containers/0");
            // The console serves everything, its health too, under /console (the gateway does not route its actuator).
            String base = deployment.name().equals("console") ? "/console" : "";
            // The gateway, the only one reached from outside, serves health and metrics on a port of its own.
            String probePort = deployment.name().equals("gateway") ? "management" : "http";
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo(base + "/actuator/health/readiness");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo(base + "/actuator/health/liveness");
            assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo(probePort);
            assertThat(container.at("/livenessProbe/httpGet/port").asText()).isEqualTo(probePort);
            assertThat(container.at("/resources/limits/memory").asText()).isIn("384Mi", "448Mi");
        });
    }

    private static List<Manifest> examples() {
        return KustomizeBase.read("examples/secrets.example.yaml", K8S.resolve("examples/secrets.example.yaml"));
    }
}
