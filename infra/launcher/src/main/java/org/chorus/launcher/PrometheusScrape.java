package org.chorus.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of a process's {@code /actuator/prometheus}, for tests and benchmarks that measure what the platform
 * itself counts (the gateway's attempts per backend, a breaker's state, its own time for each request) rather than
 * what a client saw.
 */
public final class PrometheusScrape {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    private final List<String> samples;

    private PrometheusScrape(List<String> samples) {
        this.samples = samples;
    }

    /** Reads the metrics on {@code httpPort} of 127.0.0.1 now. */
    public static PrometheusScrape of(int httpPort) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/prometheus"))
                .header("Accept", "text/plain;version=0.0.4").timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /actuator/prometheus on port " + httpPort + " answered " + response.statusCode());
        }
        return new PrometheusScrape(response.body().lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList());
    }

    /**
     * The sum of the samples named {@code name} whose labels include each of {@code labels} (written as in the
     * exposition, e.g. {@code backend="payments"}); 0 when there is none (a counter not counted yet).
     */
    public double value(String name, String... labels) {
        double sum = 0;
        for (String sample : matching(name, labels)) {
            sum += valueOf(sample);
        }
        return sum;
    }

    /**
     * A histogram's cumulative count in each bucket, by upper bound ({@code le}, in the metric's unit; {@code +Inf} as
     * infinity), summed over its series whose labels include each of {@code labels}: {@code <name>_bucket} samples.
     */
    public TreeMap<Double, Long> buckets(String name, String... labels) {
        TreeMap<Double, Long> cumulative = new TreeMap<>();
        for (String sample : matching(name + "_bucket", labels)) {
            Matcher le = LE.matcher(sample);
            if (le.find()) {
                double bound = "+Inf".equals(le.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                cumulative.merge(bound, (long) valueOf(sample), Long::sum);
            }
        }
        return cumulative;
    }

    /** A sample's value: what follows the last space of its line. */
    private static double valueOf(String sample) {
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
    }

    private List<String> matching(String name, String... labels) {
        List<String> wanted = List.of(labels);
        return samples.stream().filter(sample -> {
            String series = sample.substring(0, sample.lastIndexOf(' '));
            String sampleName = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
            return sampleName.equals(name) && wanted.stream().allMatch(series::contains);
        }).toList();
    }
}
