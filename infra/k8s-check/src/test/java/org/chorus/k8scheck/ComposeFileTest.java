package org.chorus.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, statically (no Docker engine runs here): every health check runs a program its
 * image is known to have, in exec form (a CMD-SHELL check depends on which /bin/sh the image has,
 * which is how the old /dev/tcp checks came to fail under dash); a probe script it runs is mounted
 * from the repository; each service's check asks its own HTTP port for readiness; every container
 * restarts and has a memory limit; and .env.example documents every setting the file reads.
 */
class ComposeFileTest {

    static final Path ROOT = Repository.root();
    static final Path DEVELOPMENT_REALM = ROOT.resolve("infra/keycloak/chorus-realm.json");
    static final Path PRODUCTION_REALM = ROOT.resolve("infra/compose/chorus-realm.production.json");
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What each image is known to have, and how we know. Only what the checks may rely on is listed:
     * today's Temurin image also has curl and wget, but upstream keeps them "for historical reasons"
     * only, so they are left out on purpose.
     */
    static final Map<String, Set<String>> KNOWN_PROGRAMS = Map.of(
            // Jib puts the Chorus images on eclipse-temurin:21-jre (root pom.xml, checked below): Ubuntu
            // 24.04, where bash is an essential package, and the JRE's java.
            "chorus/", Set.of("bash", "java"),
            // Keycloak's image is UBI micro with bash (its kc.sh is a bash script).
            "quay.io/keycloak/keycloak:", Set.of("bash", "/opt/keycloak/bin/kc.sh"),
            // The official PostgreSQL image ships its client programs.
            "postgres:", Set.of("pg_isready", "psql"));

    /** Containers that do one thing and stop (restarted only when that failed), with no health to check. */
    static final Set<String> ONE_SHOT = Set.of("keycloak-realm");

    @Test
    void theChorusImagesAreBuiltOnTheImageWhoseProgramsAreListed() throws IOException {
        assertThat(Files.readString(ROOT.resolve("pom.xml"))).contains("<image>eclipse-temurin:21-jre</image>");
    }

    @Test
    void everyHealthCheckRunsAProgramItsImageHasInExecForm() {
        services().forEach((name, service) -> {
            Object healthcheck = service.get("healthcheck");
            if (healthcheck == null) {
                return;
            }
            List<?> test = (List<?>) ((Map<?, ?>) healthcheck).get("test");
            assertThat(test).as(name + ": healthcheck.test as a list").isNotNull();
            assertThat(test.getFirst()).as(name + ": exec form (CMD), not CMD-SHELL").isEqualTo("CMD");
            String image = String.valueOf(service.get("image"));
            Set<String> programs = KNOWN_PROGRAMS.entrySet().stream()
                    .filter(entry -> image.startsWith(entry.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElseThrow(() -> new AssertionError(name + ": nothing is known of image " + image));
            assertThat(programs).as(name + ": " + image + " has " + test.get(1)).contains(String.valueOf(test.get(1)));
            if ("bash".equals(test.get(1)) && !"-c".equals(test.get(2))) {
                assertThat(mountedFrom(service, String.valueOf(test.get(2))))
                        .as(name + ": " + test.get(2) + " is mounted from a file of the repository")
                        .isNotNull().satisfies(file -> assertThat(ROOT.resolve(file)).isRegularFile());
            }
        });
    }

    @Test
    void eachChorusContainerAsksItsOwnHttpPortForReadiness() throws IOException {
        Map<String, Map<String, Object>> chorus = new java.util.TreeMap<>();
        services().forEach((name, service) -> {
            if (String.valueOf(service.get("image")).startsWith("chorus/chorus-") && !ONE_SHOT.contains(name)) {
                chorus.put(name, service);
            }
        });
        assertThat(chorus).containsKeys("commissions", "membership", "payments", "reporting", "gateway", "console");

        for (Map.Entry<String, Map<String, Object>> entry : chorus.entrySet()) {
            String name = entry.getKey();
            Path module = Files.isDirectory(ROOT.resolve("services/" + name)) ? ROOT.resolve("services/" + name) : ROOT.resolve(name);
            Path settings = module.resolve("src/main/resources/application.yaml");
            Matcher port = Pattern.compile("(?m)^server:\\s*\\n(?:\\s+.*\\n)*?\\s+port:\\s*(\\d+)").matcher(Files.readString(settings));
            assertThat(port.find()).as(settings + " sets server.port").isTrue();
            Matcher contextPath = Pattern.compile("(?m)^\\s+context-path:\\s*(\\S+)").matcher(Files.readString(settings));
            String base = contextPath.find() ? contextPath.group(1) : "";
            List<Object> test = List.copyOf((List<?>) ((Map<?, ?>) entry.getValue().get("healthcheck")).get("test"));
            // Health on a management port of its own where one is set (the gateway's: production refuses the public one).
            Object managementPort = ((Map<?, ?>) entry.getValue().get("environment")).get("MANAGEMENT_SERVER_PORT");

            assertThat(test).as(name).containsExactly("CMD", "bash", "/probe/http-ready.sh",
                    managementPort != null ? String.valueOf(managementPort) : port.group(1),
                    base + "/actuator/health/readiness");
        }
    }

    @Test
    void everyContainerRestartsAndHasAMemoryLimit() {
        services().forEach((name, service) -> {
            assertThat(service.get("restart")).as(name + ": restart").isEqualTo(ONE_SHOT.contains(name) ? "on-failure" : "unless-stopped");
            assertThat(service.get("mem_limit")).as(name + ": mem_limit").isNotNull();
        });
    }

    @Test
    void envExampleDocumentsEverySettingTheFileReads() throws IOException {
        Set<String> read = new TreeSet<>();
        Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?[-?][^}]*)?}").matcher(compose());
        while (variable.find()) {
            read.add(variable.group(1));
        }
        Set<String> documented = new TreeSet<>();
        Files.readAllLines(ROOT.resolve(".env.example")).stream()
                .filter(line -> line.matches("[A-Z0-9_]+=.*")).forEach(line -> documented.add(line.substring(0, line.indexOf('='))));

        assertThat(read).isNotEmpty();
        assertThat(documented).isEqualTo(read);
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).contains(".env");
    }

    /**
     * Compose's production realm is the development realm made fit for production, as Kubernetes imports it, with the
     * public URL a placeholder. When infra/keycloak/chorus-realm.json changes, regenerate it:
     * {@code ./mvnw -pl infra/k8s-check test -Dtest=ComposeFileTest -Dk8s-check.write-realm=true}.
     */
    @Test
    void theProductionRealmIsTheDevelopmentRealmMadeFitForProduction() throws IOException {
        ObjectNode expected = KubernetesRealm.from(JSON.readTree(DEVELOPMENT_REALM.toFile()), KubernetesRealm.COMPOSE_PUBLIC_URL);
        if (Boolean.getBoolean("k8s-check.write-realm")) {
            Files.writeString(PRODUCTION_REALM, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(expected) + "\n");
        }

        assertThat(JSON.readTree(PRODUCTION_REALM.toFile()))
                .as("infra/compose/chorus-realm.production.json is out of date; regenerate it (see ComposeFileTest)")
                .isEqualTo(expected);
        assertThat(Files.readString(PRODUCTION_REALM)).doesNotContain("dev-secret", "demo-password", "chorus-cli", "localhost");
    }

    /**
     * Keycloak runs as development by default and as production when .env says so, with the production realm; every
     * placeholder of that realm is filled from a variable, and the services get the same secrets.
     */
    @Test
    void keycloakAndTheServicesTakeProductionsRealmAndSecretsFromTheEnvironment() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Map<String, Object> keycloak = services.get("keycloak");
        Map<?, ?> environment = (Map<?, ?>) keycloak.get("environment");

        assertThat((List<?>) keycloak.get("command")).first().isEqualTo("${KEYCLOAK_COMMAND:-start-dev}");
        assertThat(((List<?>) keycloak.get("volumes")).stream().map(String::valueOf).toList())
                .contains("${CHORUS_REALM:-./infra/keycloak/chorus-realm.json}:/opt/keycloak/data/import/chorus-realm.json:ro");
        assertThat(Files.readAllLines(ROOT.resolve(".env.example")))
                .anySatisfy(line -> assertThat(line).contains("KEYCLOAK_COMMAND=start "))
                .anySatisfy(line -> assertThat(line).contains("CHORUS_REALM=./" + ROOT.relativize(PRODUCTION_REALM)));
        Set<String> placeholders = new TreeSet<>(KubernetesRealm.placeholders(JSON.readTree(DEVELOPMENT_REALM.toFile())).keySet());
        placeholders.add("CHORUS_PUBLIC_URL");
        Map<?, ?> realmJob = (Map<?, ?>) services.get("keycloak-realm").get("environment");
        for (String placeholder : placeholders) {
            assertThat(String.valueOf(environment.get(placeholder))).as("keycloak: " + placeholder).startsWith("${" + placeholder + ":-");
            assertThat(realmJob.get(placeholder)).as("keycloak-realm: " + placeholder).isEqualTo(environment.get(placeholder));
        }
        // A later change of the same file reaches a Keycloak with data: the launcher's `realm apply`, as that admin.
        Map<String, Object> job = services.get("keycloak-realm");
        assertThat(((List<?>) job.get("volumes")).stream().map(String::valueOf).toList())
                .contains("${CHORUS_REALM:-./infra/keycloak/chorus-realm.json}:/realm/chorus-realm.json:ro");
        assertThat(((List<?>) job.get("command")).stream().map(String::valueOf).toList()).containsExactly("realm", "apply", "--keycloak=http://keycloak:8080",
                "--file=/realm/chorus-realm.json");
        assertThat(String.valueOf(job.get("image"))).startsWith("chorus/chorus-launcher:");
        assertThat(realmJob.get("KEYCLOAK_ADMIN_PASSWORD")).isEqualTo(environment.get("KC_BOOTSTRAP_ADMIN_PASSWORD"));
        assertThat(Files.readString(ROOT.resolve("infra/launcher/pom.xml"))).contains("<mainClass>org.chorus.launcher.ChorusCommand</mainClass>",
                "<artifactId>jib-maven-plugin</artifactId>");
        assertThat(environment.get("KC_HTTP_ENABLED")).as("production mode serves HTTP only when told to").isEqualTo("true");

        for (String service : List.of("commissions", "membership", "payments", "reporting")) {
            assertThat(String.valueOf(((Map<?, ?>) services.get(service).get("environment")).get("CHORUS_IDENTITY_SERVICE_CLIENT_SECRET")))
                    .as(service).isEqualTo("${CHORUS_SERVICES_CLIENT_SECRET:-chorus-services-dev-secret}");
        }
        assertThat(String.valueOf(((Map<?, ?>) services.get("membership").get("environment")).get("CHORUS_MEMBERSHIP_KEYCLOAK_CLIENTSECRET")))
                .isEqualTo("${CHORUS_MEMBERSHIP_ADMIN_CLIENT_SECRET:-chorus-membership-admin-dev-secret}");
    }

    /** The repository file a service mounts at {@code path}, if any. */
    private static String mountedFrom(Map<String, Object> service, String path) {
        for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts.length >= 2 && parts[1].equals(path) && parts[0].startsWith("./")) {
                return parts[0].substring(2);
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        Map<String, Object> file = new Yaml().load(compose());
        return (Map<String, Map<String, Object>>) file.get("services");
    }

    private static String compose() {
        try {
            return Files.readString(ROOT.resolve("docker-compose.yml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
