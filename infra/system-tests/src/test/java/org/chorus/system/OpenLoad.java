package org.chorus.system;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Requests sent at a fixed rate whatever the answers (an open loop): request {@code i} is due at
 * {@code start + i / rate}, is sent then even if earlier ones are still waiting, and its latency counts from
 * when it was due, so a stall in the gateway (or in this client) is measured rather than hidden by a client that
 * waits before sending more. Each answer is kept with its target, status and problem reason.
 */
final class OpenLoad implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request to send: which backend it is for (as the test names it) and the request itself. */
    record Call(String target, HttpRequest request) {
    }

    /**
     * One request's outcome: times are {@link System#nanoTime()}; {@code status} 0 when no answer came
     * (a connection error or this client's timeout); {@code reason} the problem's reason, or empty.
     */
    record Answer(String target, long dueNanos, long answeredNanos, int status, String reason) {
        long latencyNanos() {
            return answeredNanos - dueNanos;
        }

        boolean ok() {
            return status == 200;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Thread sender;
    private volatile boolean stopping;
    private volatile long sent;

    private OpenLoad(int perSecond, LongFunction<Call> calls) {
        long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
        sender = Thread.ofPlatform().daemon().name("open-load").start(() -> {
            long start = System.nanoTime();
            for (long i = 0; !stopping; i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                send(calls.apply(i), due);
                sent = i + 1;
            }
        });
    }

    /** Starts sending {@code calls.apply(0)}, {@code calls.apply(1)}, … at {@code perSecond}. */
    static OpenLoad start(int perSecond, LongFunction<Call> calls) {
        return new OpenLoad(perSecond, calls);
    }

    private void send(Call call, long due) {
        inFlight.incrementAndGet();
        http.sendAsync(call.request(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long answered = System.nanoTime();
            answers.add(response == null
                    ? new Answer(call.target(), due, answered, 0, String.valueOf(failure))
                    : new Answer(call.target(), due, answered, response.statusCode(), reason(response)));
            inFlight.decrementAndGet();
        });
    }

    private static String reason(HttpResponse<String> response) {
        if (response.statusCode() == 200 || !response.headers().firstValue("Content-Type").orElse("").contains("json")) {
            return "";
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            return problem.path("reason").asString("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Stops sending, waits up to {@code wait} for the answers still due, and returns every answer, in no order. */
    List<Answer> stop(Duration wait) throws InterruptedException {
        stopping = true;
        sender.join();
        long until = System.nanoTime() + wait.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        return new ArrayList<>(answers);
    }

    /** How many requests were sent so far. */
    long sent() {
        return sent;
    }

    /** The answers so far, in no order. */
    List<Answer> answers() {
        return new ArrayList<>(answers);
    }

    @Override
    public void close() {
        stopping = true;
        http.shutdownNow();
    }

    /** The {@code percentile} (0–100) of the values, in milliseconds; 0 for none. */
    static double percentileMillis(List<Long> nanos, double percentile) {
        if (nanos.isEmpty()) {
            return 0;
        }
        List<Long> sorted = nanos.stream().sorted().toList();
        int index = (int) Math.ceil(percentile / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
