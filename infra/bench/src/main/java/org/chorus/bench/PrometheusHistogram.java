package org.chorus.bench;

import java.util.Map;
import java.util.TreeMap;
import org.chorus.launcher.PrometheusScrape;

/**
 * A process's own count of a timer's histogram, read from its {@code /actuator/prometheus} ({@link PrometheusScrape}):
 * the cumulative count of each bucket (by upper bound, in seconds). Two readings, one before and one after a loop,
 * give that loop's requests as the process itself timed them.
 */
record PrometheusHistogram(TreeMap<Double, Long> cumulative) {

    static PrometheusHistogram read(int httpPort, String metric, String... labels) throws Exception {
        return new PrometheusHistogram(PrometheusScrape.of(httpPort).buckets(metric, labels));
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
        if (wanted == 0) {
            return Double.NaN;
        }
        for (Map.Entry<Double, Long> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= wanted) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.NaN;
    }
}
