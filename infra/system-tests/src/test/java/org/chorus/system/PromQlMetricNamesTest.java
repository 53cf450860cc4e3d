package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metric names found in PromQL, on examples, and on every alert rule and dashboard panel of the
 * repository. Whether a running platform exports them is {@link MetricNamesIT}'s question.
 */
class PromQlMetricNamesTest {

    @Test
    void aBareSelectorIsItsMetric() {
        assertThat(PromQlMetricNames.in("up")).containsExactly("up");
        assertThat(PromQlMetricNames.in("process_cpu_usage{service=\"chorus-payments\"}"))
                .containsExactly("process_cpu_usage");
    }

    @Test
    void functionsAggregationsAndGroupingLabelsAreNotMetrics() {
        String ratio = """
                sum by (backend) (rate(chorus_gateway_requests_seconds_count{status=~"5.."}[5m]))
                  / sum without (instance, pod) (rate(chorus_gateway_requests_seconds_count[5m])) > 0.05
                """;

        assertThat(PromQlMetricNames.in(ratio)).containsExactly("chorus_gateway_requests_seconds_count");
    }

    @Test
    void histogramQuantilesReadTheBuckets() {
        String p99 = "histogram_quantile(0.99, sum by (route, le) (rate(chorus_gateway_requests_seconds_bucket"
                + "{route!~\".*:watch\"}[5m])))";

        assertThat(PromQlMetricNames.in(p99)).containsExactly("chorus_gateway_requests_seconds_bucket");
    }

    @Test
    void labelValuesThatLookLikeNamesAreIgnored() {
        String query = "max by (name) (resilience4j_circuitbreaker_state{name=\"payments\",state=~\"open|forced_open\"}) == 1"
                + " and on (name) label_replace(up, \"name\", \"$1\", \"job\", \"(.*)\")";

        assertThat(PromQlMetricNames.in(query)).containsExactly("resilience4j_circuitbreaker_state", "up");
    }

    @Test
    void keywordsNumbersDurationsAndOffsetsAreNotMetrics() {
        String query = "min by (name) (chorus_tls_certificate_expiry_seconds offset 1h) < 14 * 86400"
                + " or count(jvm_threads_live_threads > bool 1e3) unless vector(0)"
                + " * on (instance) group_left (pool) hikaricp_connections_pending # a comment naming not_a_metric";

        assertThat(PromQlMetricNames.in(query)).containsExactly("chorus_tls_certificate_expiry_seconds",
                "jvm_threads_live_threads", "hikaricp_connections_pending");
    }

    @Test
    void grafanasVariablesAndRateIntervalAreNotMetrics() {
        String query = "sum by (service) (rate(grpc_server_seconds_count{service=~\"$service\"}[$__rate_interval]))"
                + " / ${scale} + [[legacy]]";

        assertThat(PromQlMetricNames.in(query)).containsExactly("grpc_server_seconds_count");
    }

    @Test
    void grafanasLabelValuesNamesOnlyItsMetric() {
        assertThat(PromQlMetricNames.in("label_values(jvm_memory_used_bytes{area=\"heap\"}, service)"))
                .containsExactly("jvm_memory_used_bytes");
        assertThat(PromQlMetricNames.in("label_values(service)")).isEmpty();
    }

    @Test
    void rulesAndDashboardsAreRead() {
        var rules = MonitoringQueries.ofRules("r.yml", """
                groups:
                  - name: g
                    rules:
                      - alert: A
                        expr: rate(a_total[5m]) > 1
                      - record: job:b:sum
                        expr: sum(b)
                """);
        var dashboard = MonitoringQueries.ofDashboard("d.json", """
                {"panels": [
                   {"type": "row", "panels": [{"title": "in a row", "targets": [{"refId": "A", "expr": "c"}]}]},
                   {"title": "t", "targets": [{"refId": "A", "expr": "d"}, {"refId": "B", "expr": "e"}]},
                   {"type": "text", "title": "no query"}],
                 "templating": {"list": [
                   {"type": "query", "name": "v", "query": {"query": "label_values(f, service)"}},
                   {"type": "custom", "name": "w", "query": "1,2"}]}}
                """);

        assertThat(names(rules)).containsExactly("a_total", "b");
        assertThat(names(dashboard)).containsExactlyInAnyOrder("c", "d", "e", "f");
    }

    @Test
    void aSelectionByNameIsRefused(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("infra/grafana/dashboards"));
        Path rules = Files.createDirectories(root.resolve("infra/prometheus/rules"));
        Files.writeString(rules.resolve("r.yml"), """
                groups:
                  - name: g
                    rules:
                      - alert: Hidden
                        expr: sum({__name__=~"chorus_.*"}) > 0
                """);

        assertThatThrownBy(() -> MonitoringQueries.all(root))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Hidden").hasMessageContaining("__name__");
    }

    @Test
    void everyRuleAndPanelNamesAtLeastOneMetric() {
        List<MonitoringQueries.Query> queries = MonitoringQueries.all();

        assertThat(queries).extracting(MonitoringQueries.Query::source)
                .anyMatch(source -> source.startsWith("infra/prometheus/rules/"))
                .anyMatch(source -> source.startsWith("infra/grafana/dashboards/"));
        assertThat(queries).allSatisfy(query ->
                assertThat(query.metricNames()).as(query.source() + ": " + query.expr()).isNotEmpty());
    }

    @Test
    void everyMetricStillToComeIsUsedAndNamedAsAgreed() {
        Set<String> toCome = MonitoringQueries.metricsToCome();
        Set<String> named = MonitoringQueries.all().stream().flatMap(query -> query.metricNames().stream())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(toCome).as("the feed lag and the ledger imbalance ship now (MetricNamesIT checks they are exported)")
                .containsExactlyInAnyOrder("ssl_chain_expiry_seconds");
        assertThat(named).containsAll(toCome).contains("chorus_event_feed_lag_events", "chorus_ledger_imbalance_pence");
    }

    @Test
    void metricsToComeSkipsCommentsAndReadsTheFirstWord() {
        assertThat(MonitoringQueries.metricsToCome("# comment\n\nfoo_total\tissue #3\n  bar gauge\n"))
                .containsExactly("foo_total", "bar");
    }

    private static Set<String> names(List<MonitoringQueries.Query> queries) {
        return queries.stream().flatMap(query -> query.metricNames().stream())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
