package org.chorus.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's own count of a timer's histogram, read from its {@code /actuator/prometheus}: the cumulative count
 * of each bucket ({@code le}, in seconds) over the series whose labels contain every given label. Two readings, one
 * before and one after a loop, give that loop's requests as the process itself timed them.
 */
record PrometheusHistogram(TreeMap<Double, Long> cumulative) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    static PrometheusHistogram read(String baseUrl, String metric, String... labels) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(baseUrl + "/actuator/prometheus answered " + response.statusCode());
        }
        TreeMap<Double, Long> cumulative = new TreeMap<>();
        for (String line : response.body().lines().toList()) {
            if (!line.startsWith(metric + "_bucket{") || !containsAll(line, labels)) {
                continue;
            }
            Matcher le = LE.matcher(line);
            if (le.find()) {
                double bound = "+Inf".equals(le.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                long count = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                cumulative.merge(bound, count, Long::sum);
            }
        }
        return new PrometheusHistogram(cumulative);
    }

    private static boolean containsAll(String line, String... labels) {
        for (String label : labels) {
            if (!line.contains(label)) {
                return false;
            }
        }
        return true;
    }

    /** What was counted after {@code before}. */
    PrometheusHistogram since(PrometheusHistogram before) {
        TreeMap<Double, Long> difference = new TreeMap<>();
        cumulative.forEach((bound, count) -> difference.put(bound, count - before.cumulative.getOrDefault(bound, 0L)));
        return new PrometheusHistogram(difference);
    }

    long count() {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    }

    /** The upper bound, in milliseconds, of the bucket holding the given percentile (NaN when nothing was counted). */
    double upperBoundMs(double percentile) {
        long wanted = (long) Math.ceil(count() * percentile / 100);
        for (Map.Entry<Double, Long> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= wanted && wanted > 0) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.NaN;
    }
}
