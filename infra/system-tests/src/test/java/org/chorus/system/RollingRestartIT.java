package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.launcher.PlatformConfig;
import org.chorus.launcher.ProjectRoot;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/**
 * The rolling-restart fault suite: a platform of its own with two instances of every service and two gateways
 * (the gateways and the services balance over a service's instances, guided by gRPC health), and a steady
 * open-loop load spread over the gateways the way a load balancer spreads it: only to a gateway whose readiness
 * says it is ready, polled every 100 ms, and a request whose connection fails before any answer is sent once
 * more to another gateway (a load balancer's retry on a failed connection; counted and printed). The load mixes
 * reads of every service with writes carrying a {@code request_id}. Meanwhile the instances are restarted one at
 * a time, the operator's way ({@link ChorusPlatform#restart}: NOT_SERVING or not ready first, then in-flight
 * calls finish). Every request must succeed, and every acknowledged write must be stored.
 * <p>
 * {@code ./chorus test} runs a short form (2 restarts: the first instance of commissions, which takes the writes, and
 * the first gateway, at 50 requests a second: the platform of eleven processes shares two cores with the one the other
 * suites use); {@code -Drolling.full=true} runs the issue's: 20 restarts of every instance in turn at 200 requests a
 * second.
 */
class RollingRestartIT {

    private static final boolean FULL = Boolean.getBoolean("rolling.full");
    private static final int RESTARTS = FULL ? 20 : 2;
    private static final int RATE = FULL ? 200 : 50;
    private static final Duration READINESS_POLL = Duration.ofMillis(100);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final FreshTokens tokens = new FreshTokens("demo-password");
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger balancerRetries = new AtomicInteger();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final Queue<String> acknowledgedSessions = new ConcurrentLinkedQueue<>();
    private final Queue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
    private final AtomicLong next = new AtomicLong();
    private volatile long began = System.nanoTime();

    @Test
    void restartingEveryInstanceInTurnUnderLoadFailsNoRequest() throws Exception {
        PlatformConfig config = PlatformConfig.forTests(ProjectRoot.find())
                .withExternalKeycloak(RealKeycloak.get().endpoint())
                .withInstances(2);
        try (ChorusPlatform platform = ChorusPlatform.start(config)) {
            List<String> gateways = platform.gatewayUrls();
            String commission = "rolling-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(send(gateways.getFirst(), "POST", "/v1/commissions?commissionId=" + commission,
                    "{\"displayName\": \"Rolling restarts\"}").statusCode()).isEqualTo(200);

            warmUp(gateways, commission);
            Map<String, Boolean> ready = new ConcurrentHashMap<>();
            gateways.forEach(gateway -> ready.put(gateway, true));
            List<String> order = restartOrder(platform);
            began = System.nanoTime();
            try (ScheduledExecutorService clock = Executors.newScheduledThreadPool(3)) {
                clock.scheduleAtFixedRate(() -> gateways.forEach(gateway -> ready.put(gateway, isReady(gateway))),
                        0, READINESS_POLL.toMillis(), TimeUnit.MILLISECONDS);
                Queue<CompletableFuture<Void>> inFlight = new ConcurrentLinkedQueue<>();
                clock.scheduleAtFixedRate(() -> inFlight.add(oneRequest(gateways, ready, commission)),
                        0, 1_000_000 / RATE, TimeUnit.MICROSECONDS);

                Thread.sleep(3_000);
                for (String instance : order) {
                    System.out.printf(Locale.ROOT, "  at %.1f s: restarting %s%n", secondsSinceStart(), instance);
                    platform.restart(instance);
                    Thread.sleep(2_000);
                }
                clock.shutdown();
                clock.awaitTermination(5, TimeUnit.SECONDS);
                CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            }
            double seconds = secondsSinceStart();

            int lost = 0;
            for (String session : acknowledgedSessions) {
                if (send(gateways.getFirst(), "GET", "/v1/" + session, null).statusCode() != 200) {
                    lost++;
                }
            }
            long[] sorted = latenciesMicros.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "rolling-restart: restarts=%d requests=%d failed=%d lost=%d balancer_retries=%d "
                            + "rps=%.0f p50_ms=%.1f p99_ms=%.1f seconds=%.0f%n", order.size(), sent.get(), failed.get(), lost,
                    balancerRetries.get(), sent.get() / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99), seconds);
            failures.stream().limit(10).forEach(failure -> System.out.println("  failed: " + failure));

            assertThat(order).hasSize(RESTARTS);
            assertThat(failed.get()).as("requests that failed during the restarts (the first ten are printed above)").isZero();
            assertThat(lost).as("acknowledged writes not stored").isZero();
            assertThat(acknowledgedSessions).as("writes acknowledged").isNotEmpty();
        }
    }

    /**
     * Short form: the first commissions instance, then the first gateway. Full form: each service's instances, then
     * the gateways', in turn, as many times round as the restarts need.
     */
    private static List<String> restartOrder(ChorusPlatform platform) {
        if (!FULL) {
            return List.of(platform.instancesOf("commissions").getFirst(), platform.instancesOf(ChorusPlatform.GATEWAY).getFirst());
        }
        List<String> everyInstance = new ArrayList<>();
        for (String service : ChorusPlatform.SERVICES) {
            everyInstance.addAll(platform.instancesOf(service));
        }
        everyInstance.addAll(platform.instancesOf(ChorusPlatform.GATEWAY));
        List<String> order = new ArrayList<>();
        while (order.size() < RESTARTS) {
            order.add(everyInstance.get(order.size() % everyInstance.size()));
        }
        return order;
    }

    private CompletableFuture<Void> oneRequest(List<String> gateways, Map<String, Boolean> ready, String commission) {
        int number = sent.incrementAndGet();
        boolean write = isWrite(number);
        String method = methodOf(number);
        String path = pathOf(number, commission);
        String body = bodyOf(number);
        String what = method + " " + path.replaceAll("\\?.*", "");
        long begin = System.nanoTime();
        List<String> order = balancerOrder(gateways, ready);
        return attempt(order, 0, method, path, body)
                .handle((response, failure) -> {
                    latenciesMicros.add((System.nanoTime() - begin) / 1_000);
                    if (failure != null) {
                        fail(what + ": " + failure.getClass().getSimpleName() + " " + failure.getMessage());
                    } else if (response.statusCode() != 200) {
                        fail(what + ": " + response.statusCode() + " " + response.body());
                    } else if (write) {
                        acknowledgedSessions.add(JSON.readTree(response.body()).path("name").asString());
                    }
                    return null;
                });
    }

    /** One request in five writes (a session, with a request id); the others read from each service in turn. */
    private static boolean isWrite(int number) {
        return number % 5 == 4;
    }

    private static String methodOf(int number) {
        return isWrite(number) ? "POST" : "GET";
    }

    private static String pathOf(int number, String commission) {
        String at = "/v1/commissions/" + commission;
        return switch (number % 5) {
            case 0 -> at;
            case 1 -> at + "/members";
            case 2 -> at + "/claims";
            case 3 -> at + "/impact?period=" + Year.now();
            default -> at + "/sessions?requestId=" + UUID.randomUUID();
        };
    }

    private static String bodyOf(int number) {
        if (!isWrite(number)) {
            return null;
        }
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        return """
                {"title": "Meeting %d", "startTime": "%s", "endTime": "%s", "location": {"place": "The library, Hull"},
                 "accessibility": {"stepFreeAccess": true, "hearingLoop": true, "quietRoom": true, "interpreter": {"kind": "BSL"},
                                   "childcareProvided": true, "travelPaid": true, "foodProvided": true}}"""
                .formatted(number, start, start.plus(2, ChronoUnit.HOURS));
    }

    /** The ready gateways, starting with the next in turn; if none says it is ready, all of them. */
    private List<String> balancerOrder(List<String> gateways, Map<String, Boolean> ready) {
        List<String> readyOnes = gateways.stream().filter(ready::get).toList();
        List<String> candidates = readyOnes.isEmpty() ? gateways : readyOnes;
        int first = (int) (next.getAndIncrement() % candidates.size());
        List<String> order = new ArrayList<>(candidates.subList(first, candidates.size()));
        order.addAll(candidates.subList(0, first));
        gateways.stream().filter(gateway -> !order.contains(gateway)).forEach(order::add);
        return order;
    }

    /** Sends to the gateway at {@code index}; a connection that fails before any answer goes to the next one. */
    private CompletableFuture<HttpResponse<String>> attempt(List<String> order, int index, String method, String path,
                                                            String body) {
        return http.sendAsync(request(order.get(index), method, path, body), HttpResponse.BodyHandlers.ofString())
                .exceptionallyCompose(failure -> {
                    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                    if (cause instanceof IOException && index + 1 < order.size()) {
                        balancerRetries.incrementAndGet();
                        return attempt(order, index + 1, method, path, body);
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    private HttpResponse<String> send(String gateway, String method, String path, String body) throws Exception {
        return http.send(request(gateway, method, path, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String gateway, String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.of("amara"));
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private boolean isReady(String gateway) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(gateway + "/actuator/health/readiness"))
                            .timeout(Duration.ofMillis(500)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void fail(String failure) {
        failed.incrementAndGet();
        failures.add(String.format(Locale.ROOT, "at %.1f s: %s", secondsSinceStart(), failure));
    }

    private double secondsSinceStart() {
        return (System.nanoTime() - began) / 1e9;
    }

    /**
     * Before the load, each kind of request once through each gateway until it succeeds: a platform just started
     * first connects each gateway to each instance (and the quick JIT compiles the paths), which under full load on
     * two cores took longer than a request's deadline. A deployment warms up the same way before it takes traffic.
     */
    private void warmUp(List<String> gateways, String commission) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (String gateway : gateways) {
            for (int kind = 0; kind < 10; kind++) {
                int number = kind;
                while (attempt(List.of(gateway), 0, methodOf(number), pathOf(number, commission), bodyOf(number))
                        .get(30, TimeUnit.SECONDS).statusCode() != 200) {
                    assertThat(System.nanoTime()).as("the platform answers after its start").isLessThan(deadline);
                    Thread.sleep(200);
                }
            }
        }
    }

    private static double percentile(long[] sortedMicros, double quantile) {
        if (sortedMicros.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sortedMicros.length - 1, Math.ceil(quantile * sortedMicros.length) - 1);
        return sortedMicros[Math.max(0, index)] / 1000.0;
    }
}
