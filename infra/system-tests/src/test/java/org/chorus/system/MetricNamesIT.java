package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.chorus.commissions.v1.CommissionSessionsServiceGrpc;
import org.chorus.commissions.v1.ListSessionsRequest;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.Test;

/**
 * Every metric that an alert rule (infra/prometheus/rules) or a Grafana panel (infra/grafana/dashboards)
 * reads is exported by a running platform, except those infra/prometheus/metrics-to-come.txt names;
 * and none of those is exported yet (else its line should go). Some metrics appear only once there
 * has been traffic, so the test first sends some: a new commission through the JSON API (which has
 * the commissions service provision it in the three others, over gRPC) and a call through the
 * gateway's gRPC door.
 */
class MetricNamesIT {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyMetricTheAlertsAndDashboardsReadIsExported() throws Exception {
        ChorusPlatform platform = RunningPlatform.get();
        sendTraffic(platform);

        // Some gauges appear only once a check on the clock has run (the ledger check, reporting's feed reads):
        // scrape again until nothing is missing, for at most as long as the slowest of those checks takes.
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, Set<String>> exportedBy;
        Set<String> exported;
        Set<String> toCome = MonitoringQueries.metricsToCome();
        Map<String, String> missing;
        List<MonitoringQueries.Query> queries = MonitoringQueries.all();
        Set<String> named = new TreeSet<>();
        do {
            exportedBy = new LinkedHashMap<>();
            exportedBy.put(ChorusPlatform.GATEWAY, scrape(platform.config().ports().gateway()));
            for (String service : ChorusPlatform.SERVICES) {
                exportedBy.put(service, scrape(platform.config().ports().service(service).http()));
            }
            exported = new TreeSet<>();
            exportedBy.values().forEach(exported::addAll);
            missing = new TreeMap<>();
            for (MonitoringQueries.Query query : queries) {
                named.addAll(query.metricNames());
                for (String name : query.metricNames()) {
                    if (!exported.contains(name) && !toCome.contains(name)
                            && !MonitoringQueries.PROMETHEUS_OWN.contains(name)) {
                        missing.merge(name, query.source(), (a, b) -> a + "; " + b);
                    }
                }
            }
        } while (!missing.isEmpty() && System.nanoTime() < deadline && pause());

        System.out.println("MetricNamesIT: " + queries.size() + " queries name " + named.size() + " metrics; "
                + missing.size() + " missing, " + toCome.size() + " to come (metrics-to-come.txt)");
        assertThat(exportedBy).allSatisfy((process, names) ->
                assertThat(names).as(process + " exports metrics").contains("jvm_memory_used_bytes"));
        assertThat(missing).as("metrics read by alerts or dashboards that no process exports"
                + " (export them, fix the query, or list them in infra/prometheus/metrics-to-come.txt)").isEmpty();
        assertThat(exported).as("metrics in metrics-to-come.txt that are exported now: remove their lines")
                .doesNotContainAnyElementsOf(toCome);
    }

    private static boolean pause() {
        try {
            Thread.sleep(2_000);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void sendTraffic(ChorusPlatform platform) {
        String coordinator = RealKeycloak.get().passwordToken("amara", "demo-password");
        String commission = "metrics-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        var created = new GatewayClient(platform.gatewayUrl()).post("/v1/commissions?commissionId=" + commission,
                coordinator, "{\"displayName\": \"Metric names check\"}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);

        ManagedChannel door = NettyChannelBuilder.forAddress("127.0.0.1", platform.config().ports().gatewayGrpc())
                .usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, "Bearer " + coordinator);
            CommissionSessionsServiceGrpc.newBlockingStub(door)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .listSessions(ListSessionsRequest.newBuilder().setParent("commissions/" + commission).build());
        } finally {
            door.shutdownNow();
        }
    }

    /** The names of the samples on a process's /actuator/prometheus (a histogram's _bucket, _count and _sum each). */
    /** What a process exports at {@code /actuator/prometheus} on its HTTP port, in Prometheus's text format. */
    static String exposition(HttpClient http, int httpPort) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/actuator/prometheus"))
                .header("Accept", "text/plain;version=0.0.4").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /actuator/prometheus on port " + httpPort).isEqualTo(200);
        return response.body();
    }

    private Set<String> scrape(int httpPort) throws Exception {
        String exposition = exposition(http, httpPort);
        Set<String> names = new TreeSet<>();
        exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        });
        return names;
    }
}
