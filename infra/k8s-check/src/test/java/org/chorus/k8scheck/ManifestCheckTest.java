package org.chorus.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check catches mistakes: each manifest here has exactly one, and only its object is invalid. */
class ManifestCheckTest {

    static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: chorus
            data:
              MODE: quiet
            """;

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: chorus
            spec:
              replicas: 2
              selector:
                matchLabels: {app.kubernetes.io/name: web}
              template:
                metadata:
                  labels: {app.kubernetes.io/name: web}
                spec:
                  containers:
                    - name: web
                      image: example/web:1
                      ports:
                        - {name: http, containerPort: 8080}
                      readinessProbe:
                        httpGet: {path: /ready, port: http}
                      envFrom:
                        - configMapRef: {name: settings}
                      env:
                        - name: PASSWORD
                          valueFrom:
                            secretKeyRef: {name: web-db, key: password}
            """;

    static final Map<String, Set<String>> SECRETS = Map.of("web-db", Set.of("password"));

    @Test
    void aValidPairPasses() throws IOException {
        ManifestCheck.Result result = check(CONFIG_MAP, DEPLOYMENT);

        assertThat(result.problems()).isEmpty();
        assertThat(result.summary()).isEqualTo("k8s-check: objects=2 invalid=0");
    }

    @Test
    void anUnknownFieldIsCaughtWhereverItIs() throws IOException {
        ManifestCheck.Result result = check(CONFIG_MAP, DEPLOYMENT.replace("image: example/web:1",
                "image: example/web:1\n          imagePullPolice: Always"));

        assertThat(result.summary()).isEqualTo("k8s-check: objects=2 invalid=1");
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.object()).startsWith("Deployment/web");
            assertThat(problem.message()).contains("imagePullPolice");
        });
    }

    @Test
    void aMissingRequiredFieldIsCaught() throws IOException {
        ManifestCheck.Result result = check(CONFIG_MAP, DEPLOYMENT.replace("\n          image: example/web:1", ""));

        assertThat(result.summary()).isEqualTo("k8s-check: objects=2 invalid=1");
        assertThat(result.problems()).singleElement().extracting(ManifestCheck.Problem::message)
                .isEqualTo("missing required field spec.template.spec.containers[0].image");
    }

    @Test
    void aMissingNameOrNamespaceIsCaught() throws IOException {
        assertThat(check(CONFIG_MAP.replace("  name: settings\n", "")).problems())
                .extracting(ManifestCheck.Problem::message).containsExactly("missing required field metadata.name");
        assertThat(check(CONFIG_MAP.replace("  namespace: chorus\n", "")).problems())
                .extracting(ManifestCheck.Problem::message).containsExactly("missing required field metadata.namespace");
    }

    @Test
    void aValueOfTheWrongTypeIsCaught() throws IOException {
        assertThat(check(CONFIG_MAP, DEPLOYMENT.replace("containerPort: 8080", "containerPort: \"8080\"")).problems())
                .singleElement().extracting(ManifestCheck.Problem::message).asString().contains("containerPort");
        assertThat(check(CONFIG_MAP.replace("MODE: quiet", "PORT: 8090")).problems())
                .singleElement().extracting(ManifestCheck.Problem::message).asString().contains("not a valid ConfigMap");
    }

    @Test
    void brokenReferencesAreCaught() throws IOException {
        assertThat(check(DEPLOYMENT).problems()).extracting(ManifestCheck.Problem::message)
                .containsExactly("envFrom names ConfigMap settings, which the base does not have");
        assertThat(check(CONFIG_MAP, DEPLOYMENT.replace("port: http}", "port: web}")).problems())
                .extracting(ManifestCheck.Problem::message)
                .containsExactly("readinessProbe uses port web, which the container does not name");
        assertThat(check(CONFIG_MAP, DEPLOYMENT.replace("key: password}", "key: pasword}")).problems())
                .extracting(ManifestCheck.Problem::message)
                .containsExactly("refers to key pasword of Secret web-db, which the example Secret does not have");
        assertThat(check(CONFIG_MAP, DEPLOYMENT, """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: chorus}
                spec:
                  selector: {app.kubernetes.io/name: api}
                  ports: [{name: http, port: 80, targetPort: http}]
                """).problems()).extracting(ManifestCheck.Problem::message)
                .containsExactly("its selector selects no Deployment's pods");
    }

    @Test
    void anUnknownKindIsRefused() throws IOException {
        assertThat(check("""
                apiVersion: example.org/v1
                kind: Widget
                metadata: {name: w, namespace: chorus}
                """).problems()).extracting(ManifestCheck.Problem::message)
                .containsExactly("unknown kind example.org/v1/Widget (neither a built-in kind this check knows nor a known operator's resource)");
    }

    @Test
    void anOperatorsResourceIsCheckedAsFarAsItsCrdIsKnown() throws IOException {
        String cluster = """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: db, namespace: chorus}
                spec:
                  instances: 2
                """;

        assertThat(check(cluster).problems()).isEmpty();
        assertThat(check(cluster.replace("instances: 2", "instance: 2")).problems())
                .extracting(ManifestCheck.Problem::message).containsExactly(
                        "unknown field 'spec.instance' (CloudNativePG's CRD has none)",
                        "missing required field spec.instances");
    }

    @Test
    void kustomizeFeaturesTheRendererLacksAreRefused(@TempDir Path base) throws IOException {
        Files.writeString(base.resolve("a.yaml"), CONFIG_MAP);
        Files.writeString(base.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: elsewhere
                resources: [a.yaml]
                """);

        assertThatThrownBy(() -> KustomizeBase.render(base)).hasMessageContaining("'namespace' is not supported");
    }

    @Test
    void theBaseIsTheListedFilesInOrder(@TempDir Path base) throws IOException {
        Files.writeString(base.resolve("a.yaml"), CONFIG_MAP);
        Files.writeString(base.resolve("b.yaml"), "---\n" + DEPLOYMENT + "---\n" + CONFIG_MAP.replace("settings", "more"));
        Files.writeString(base.resolve("unlisted.yaml"), CONFIG_MAP.replace("settings", "unlisted"));
        Files.writeString(base.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [b.yaml, a.yaml]
                """);

        assertThat(KustomizeBase.render(base)).extracting(Manifest::label).containsExactly(
                "Deployment/web (b.yaml#1)", "ConfigMap/more (b.yaml#2)", "ConfigMap/settings (a.yaml#1)");
    }

    private static ManifestCheck.Result check(String... documents) throws IOException {
        Path file = Files.createTempFile("manifests", ".yaml");
        try {
            Files.writeString(file, String.join("\n---\n", documents));
            List<Manifest> manifests = KustomizeBase.read("test.yaml", file);
            return ManifestCheck.check(manifests, SECRETS);
        } finally {
            Files.delete(file);
        }
    }
}
