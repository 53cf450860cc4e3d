package org.chorus.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * One reading of a process's {@code /actuator/prometheus}, for tests that measure what the platform itself counts
 * (the gateway's attempts per backend, a breaker's state) rather than what a client saw.
 */
final class PrometheusScrape {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<String> samples;

    private PrometheusScrape(List<String> samples) {
        this.samples = samples;
    }

    /** Reads the metrics on {@code httpPort} of 127.0.0.1 now. */
    static PrometheusScrape of(int httpPort) throws Exception {
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
    double value(String name, String... labels) {
        double sum = 0;
        for (String sample : samples) {
            int space = sample.lastIndexOf(' ');
            String series = sample.substring(0, space);
            String sampleName = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
            if (sampleName.equals(name) && List.of(labels).stream().allMatch(series::contains)) {
                sum += Double.parseDouble(sample.substring(space + 1));
            }
        }
        return sum;
    }
}
