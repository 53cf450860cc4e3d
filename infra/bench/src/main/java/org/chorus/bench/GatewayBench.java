package org.chorus.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import org.HdrHistogram.Histogram;
import org.chorus.commissions.v1.Commission;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.launcher.DemoNetwork;
import org.chorus.launcher.PlatformConfig;
import org.chorus.launcher.ProjectRoot;
import org.chorus.launcher.Tokens;

/**
 * Starts the platform (PostgreSQL, Keycloak, the services and the gateway, as processes, on 127.0.0.1) and
 * measures one DB-backed unary read, {@code GetCommission}, called directly over gRPC and as JSON through the
 * gateway (RS256 token checked, breaker, bulkhead and rate limits on):
 * <ol>
 *   <li>throughput at saturation: a fixed number of callers in a closed loop, for a fixed time;</li>
 *   <li>latency at a fixed 1,000 requests/s, open loop: each request has a scheduled send time and its
 *       latency is counted from that time (so a stall is not hidden), recorded in HdrHistogram.</li>
 * </ol>
 * Prints progress to stderr and exactly one line to stdout:
 * {@code gateway-bench: direct_rps=… gateway_rps=… ratio=… added_p50_ms=… added_p99_ms=…}.
 * <p>
 * Run from the project root: {@code ./mvnw -q -pl infra/bench -am package -DskipTests && java -jar infra/bench/target/chorus-bench.jar}.
 * The gateway's rate limits are raised for the run (by environment, see {@link #main}); everything else is
 * as {@code ./chorus up} runs it.
 */
public final class GatewayBench {

    private static final int CALLERS = Integer.getInteger("bench.callers", 32);
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 10));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
    private static final int RATE = Integer.getInteger("bench.rate", 1_000);
    private static final int OPEN_LOOP_REQUESTS = Integer.getInteger("bench.openLoopRequests", 15_000);
    private static final long MAX_CALLS_PER_PHASE = 5_000_000;
    private static final String CHILD = "CHORUS_BENCH_CHILD";

    private GatewayBench() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getenv(CHILD) == null) {
            System.exit(relaunchWithBenchLimits(args));
        }
        PlatformConfig config = PlatformConfig.forTests(ProjectRoot.find()).withProgress(System.err);
        int status = 0;
        try (ChorusPlatform platform = ChorusPlatform.start(config)) {
            run(platform);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // The HTTP client's and gRPC's threads would keep the JVM alive; the platform is stopped by now.
        System.exit(status);
    }

    /**
     * The gateway inherits this process's environment; the relaunch raises its rate limits (600 a minute per
     * caller by default) so that one caller can saturate it. A second JVM keeps the documented command one line.
     */
    private static int relaunchWithBenchLimits(String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ProcessHandle.current().info().arguments().map(List::of).orElseThrow());
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(CHILD, "1");
        builder.environment().put("CHORUS_GATEWAY_RATELIMITS_PERCALLER", "1000000000");
        builder.environment().put("CHORUS_GATEWAY_RATELIMITS_PERCOMMISSION", "1000000000");
        // Measure with the optimising JIT compiler, as in production, not the quick-start setting of ./chorus up.
        builder.environment().put("CHORUS_FULL_JIT", "true");
        Process child = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
        return child.waitFor();
    }

    private static void run(ChorusPlatform platform) throws Exception {
        Tokens tokens = new Tokens(platform.keycloak());
        String token = tokens.password(DemoNetwork.COORDINATOR, DemoNetwork.DEMO_PASSWORD);
        String authorization = "Bearer " + token;
        String id = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
        String gateway = platform.gatewayUrl();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/commissions?commissionId=" + id))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"displayName\": \"Benchmark commission\", \"place\": \"Leeds\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 200) {
            throw new IllegalStateException("Could not create the benchmark's commission: " + created.statusCode() + " " + created.body());
        }
        String name = "commissions/" + id;
        HttpRequest getJson = HttpRequest.newBuilder(URI.create(gateway + "/v1/" + name))
                .header("Authorization", authorization).timeout(Duration.ofSeconds(10)).GET().build();

        int grpcPort = platform.config().ports().service("commissions").grpc();
        ManagedChannel channel = Grpc.newChannelBuilder("127.0.0.1:" + grpcPort, InsecureChannelCredentials.create()).build();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
        GetCommissionRequest request = GetCommissionRequest.newBuilder().setName(name).build();
        var blocking = CommissionsServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        var future = CommissionsServiceGrpc.newFutureStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        try {
            Runnable direct = () -> {
                Commission c = blocking.withDeadlineAfter(10, TimeUnit.SECONDS).getCommission(request);
                if (!c.getName().equals(name)) {
                    throw new IllegalStateException("wrong answer");
                }
            };
            Runnable viaGateway = () -> {
                try {
                    HttpResponse<String> response = http.send(getJson, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("gateway answered " + response.statusCode() + ": " + response.body());
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            };
            log("warm-up (%ds each)", WARM_UP.toSeconds());
            saturate(direct, WARM_UP);
            saturate(viaGateway, WARM_UP);
            double directRps = saturate(direct, MEASURE);
            log("direct gRPC: %.0f requests/s with %d callers", directRps, CALLERS);
            double gatewayRps = saturate(viaGateway, MEASURE);
            log("through the gateway: %.0f requests/s with %d callers", gatewayRps, CALLERS);

            Supplier<CompletableFuture<?>> directAsync = () -> toCompletable(future.withDeadlineAfter(10, TimeUnit.SECONDS).getCommission(request));
            Supplier<CompletableFuture<?>> gatewayAsync = () -> http.sendAsync(getJson, HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> {
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("gateway answered " + response.statusCode());
                        }
                        return response;
                    });
            openLoop(directAsync, RATE * 3);
            openLoop(gatewayAsync, RATE * 3);
            Histogram directLatency = openLoop(directAsync, OPEN_LOOP_REQUESTS);
            Histogram gatewayLatency = openLoop(gatewayAsync, OPEN_LOOP_REQUESTS);
            log("direct   at %d/s: p50 %.2f ms, p99 %.2f ms, max %.2f ms", RATE, ms(directLatency, 50), ms(directLatency, 99), directLatency.getMaxValue() / 1e6);
            log("gateway  at %d/s: p50 %.2f ms, p99 %.2f ms, max %.2f ms", RATE, ms(gatewayLatency, 50), ms(gatewayLatency, 99), gatewayLatency.getMaxValue() / 1e6);

            System.out.printf(Locale.ROOT, "gateway-bench: direct_rps=%.0f gateway_rps=%.0f ratio=%.2f added_p50_ms=%.2f added_p99_ms=%.2f%n",
                    directRps, gatewayRps, gatewayRps / directRps,
                    ms(gatewayLatency, 50) - ms(directLatency, 50), ms(gatewayLatency, 99) - ms(directLatency, 99));
        } finally {
            channel.shutdownNow();
        }
    }

    /** Closed loop: {@link #CALLERS} threads call back to back for {@code duration}; returns completed calls per second. */
    private static double saturate(Runnable call, Duration duration) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        CountDownLatch finished = new CountDownLatch(CALLERS);
        long start = System.nanoTime();
        try (ExecutorService callers = Executors.newFixedThreadPool(CALLERS)) {
            for (int i = 0; i < CALLERS; i++) {
                callers.submit(() -> {
                    try {
                        while (System.nanoTime() < end && done.get() < MAX_CALLS_PER_PHASE) {
                            try {
                                call.run();
                                done.incrementAndGet();
                            } catch (RuntimeException e) {
                                if (failed.incrementAndGet() == 1) {
                                    log("a call failed: %s", e.getMessage());
                                }
                            }
                        }
                    } finally {
                        finished.countDown();
                    }
                });
            }
            finished.await(duration.toSeconds() + 30, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failed.get() > done.get() / 100) {
            throw new IllegalStateException(failed.get() + " calls failed of " + (done.get() + failed.get()));
        }
        return done.get() / seconds;
    }

    /**
     * Open loop at {@link #RATE} per second: request i is due at {@code start + i / RATE}; its latency is
     * from that time to its answer, so a late send counts against the system, not the load generator.
     */
    private static Histogram openLoop(Supplier<CompletableFuture<?>> call, int requests) throws InterruptedException {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
        AtomicLong failed = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Throwable> firstError = new java.util.concurrent.atomic.AtomicReference<>();
        CountDownLatch answered = new CountDownLatch(requests);
        long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            call.get().whenComplete((ignored, error) -> {
                long latency = System.nanoTime() - due;
                if (error != null) {
                    failed.incrementAndGet();
                    firstError.compareAndSet(null, error);
                } else {
                    synchronized (histogram) {
                        histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
                    }
                }
                answered.countDown();
            });
        }
        if (!answered.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Not every request was answered within a minute");
        }
        if (failed.get() > 0) {
            // Reported, not fatal: past saturation an open loop fails some calls, and that is a result too.
            log("%d of %d open-loop requests failed (not in the latencies); the first: %s", failed.get(), requests, firstError.get());
        }
        return histogram;
    }

    private static <T> CompletableFuture<T> toCompletable(ListenableFuture<T> listenable) {
        CompletableFuture<T> completable = new CompletableFuture<>();
        Futures.addCallback(listenable, new FutureCallback<>() {
            @Override
            public void onSuccess(T result) {
                completable.complete(result);
            }

            @Override
            public void onFailure(Throwable error) {
                completable.completeExceptionally(error);
            }
        }, MoreExecutors.directExecutor());
        return completable;
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "bench  " + format + "%n", args);
    }
}
