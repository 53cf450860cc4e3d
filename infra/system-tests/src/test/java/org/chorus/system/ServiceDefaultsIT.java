package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.chorus.launcher.AotCache;
import org.chorus.launcher.ChorusPlatform;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** What the platform library gives every running service: probes, Prometheus metrics, JSON logs; and its start-up cache. */
class ServiceDefaultsIT {

    static final List<String> SERVICES = ChorusPlatform.SERVICES;
    static ChorusPlatform platform;
    static final HttpClient http = HttpClient.newHttpClient();
    static final Pattern JVM_CACHE_MESSAGE = Pattern.compile("\\]\\[(aot|cds)[\\],]");

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void probesAnswerUp(String service) throws Exception {
        for (String probe : List.of("readiness", "liveness")) {
            HttpResponse<String> response = get(service, "/actuator/health/" + probe);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"status\":\"UP\"");
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void prometheusMetricsCarryTheServiceName(String service) throws Exception {
        HttpResponse<String> response = get(service, "/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("service=\"chorus-" + service + "\"");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void logsAreOneJsonObjectPerLine(String service) throws IOException {
        Path log = platform.config().logDirectory().resolve(service + ".log");
        ObjectMapper json = new ObjectMapper();

        List<JsonNode> entries = Files.readAllLines(log).stream()
                .filter(line -> line.startsWith("{"))
                .map(json::readTree)
                .toList();

        assertThat(entries).isNotEmpty();
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.has("@timestamp")).isTrue();
            assertThat(entry.path("log").path("level").asString()).isNotEmpty();
            assertThat(entry.path("service").path("name").asString()).isEqualTo("chorus-" + service);
        });
        assertThat(entries).anySatisfy(entry -> assertThat(entry.path("message").asString()).contains("Started"));
    }

    /**
     * On JDK 25 and later the launcher starts each service from its ahead-of-time cache, and the JVM takes it: the
     * process was started with it, and its log has no word from the JVM that the cache could not be used (it would
     * start without it, as slowly as before, and say so only there).
     */
    @ParameterizedTest
    @FieldSource("SERVICES")
    void startsFromItsAheadOfTimeCache(String service) throws IOException {
        Assumptions.assumeTrue(AotCache.enabled(), "the one-step ahead-of-time cache needs JDK 25, and is not turned off");
        String port = "--server.port=" + platform.config().ports().service(service).http();
        List<String> arguments = ProcessHandle.allProcesses()
                .map(process -> process.info().arguments().map(List::of).orElse(List.of()))
                .filter(args -> args.contains(port))
                .findFirst().orElseThrow(() -> new AssertionError("no process of " + service + " with " + port));
        Path log = platform.config().logDirectory().resolve(service + ".log");

        String cache = arguments.stream().filter(argument -> argument.startsWith("-XX:AOTCache=")).findFirst()
                .orElseThrow(() -> new AssertionError(service + " was started without -XX:AOTCache: " + arguments))
                .substring("-XX:AOTCache=".length());
        assertThat(Path.of(cache)).isRegularFile().hasExtension("aot");
        // The JVM's own log lines: [0.012s][warning][aot] …, or with more tags, [aot,class].
        assertThat(Files.readAllLines(log)).noneMatch(line -> JVM_CACHE_MESSAGE.matcher(line).find());
    }

    private static HttpResponse<String> get(String service, String path) throws Exception {
        int port = platform.config().ports().service(service).http();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
