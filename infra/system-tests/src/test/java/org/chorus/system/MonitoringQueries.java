package org.chorus.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.chorus.launcher.ProjectRoot;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every PromQL query the operators rely on: the expressions of the alert rules in
 * {@code infra/prometheus/rules/} and of the Grafana panels and variables in
 * {@code infra/grafana/dashboards/}, with the metrics {@code infra/prometheus/metrics-to-come.txt}
 * says are named before anything exports them.
 */
final class MonitoringQueries {

    /** Series Prometheus makes itself, which no process exports. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling", "scrape_series_added", "ALERTS", "ALERTS_FOR_STATE");

    record Query(String source, String expr) {
        Set<String> metricNames() {
            return PromQlMetricNames.in(expr);
        }
    }

    private MonitoringQueries() {
    }

    static List<Query> all() {
        return all(ProjectRoot.find());
    }

    static List<Query> all(Path root) {
        List<Query> queries = new ArrayList<>();
        for (Path rules : files(root.resolve("infra/prometheus/rules"), ".yml")) {
            queries.addAll(ofRules(root.relativize(rules).toString(), read(rules)));
        }
        for (Path dashboard : files(root.resolve("infra/grafana/dashboards"), ".json")) {
            queries.addAll(ofDashboard(root.relativize(dashboard).toString(), read(dashboard)));
        }
        queries.forEach(query -> {
            if (query.expr().contains("__name__")) {
                throw new IllegalStateException(query.source() + " selects by __name__, which the metric-name "
                        + "checks cannot follow; name the metric instead: " + query.expr());
            }
        });
        return queries;
    }

    @SuppressWarnings("unchecked")
    static List<Query> ofRules(String source, String yaml) {
        Map<String, Object> file = new Yaml().load(yaml);
        List<Query> queries = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String name = String.valueOf(rule.getOrDefault("alert", rule.get("record")));
                queries.add(new Query(source + " " + name, String.valueOf(rule.get("expr"))));
            }
        }
        return queries;
    }

    static List<Query> ofDashboard(String source, String json) {
        JsonNode dashboard = new ObjectMapper().readTree(json);
        List<Query> queries = new ArrayList<>();
        panels(dashboard.path("panels"), source, queries);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asString())) {
                JsonNode query = variable.path("query");
                String expr = query.isObject() ? query.path("query").asString() : query.asString();
                queries.add(new Query(source + " variable " + variable.path("name").asString(), expr));
            }
        }
        return queries;
    }

    private static void panels(JsonNode panels, String source, List<Query> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.has("expr")) {
                    queries.add(new Query(source + " panel \"" + panel.path("title").asString() + "\" "
                            + target.path("refId").asString(), target.path("expr").asString()));
                }
            }
            panels(panel.path("panels"), source, queries);
        }
    }

    /** The metric names listed in metrics-to-come.txt: the first word of each line that is not a comment. */
    static Set<String> metricsToCome() {
        return metricsToCome(read(ProjectRoot.find().resolve("infra/prometheus/metrics-to-come.txt")));
    }

    static Set<String> metricsToCome(String text) {
        Set<String> names = new LinkedHashSet<>();
        text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .forEach(line -> names.add(line.split("\\s+", 2)[0]));
        return names;
    }

    private static List<Path> files(Path directory, String suffix) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
