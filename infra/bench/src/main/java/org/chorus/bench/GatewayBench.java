package org.chorus.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
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
 *       latency is counted from that time (so a stall is not hidden), recorded in HdrHistogram; the two paths take
 *       turns a second at a time, so that both see the same machine;</li>
 *   <li>{@code ListSessions} (a page of 20 of a commission's 200 sessions) through the gateway, open loop at
 *       500 requests/s.</li>
 * </ol>
 * Prints progress (with the CPU each request cost in each process, and how long its threads waited for one) to
 * stderr and exactly three lines to stdout:
 * {@code gateway-bench: direct_rps=… gateway_rps=… ratio=… added_p50_ms=… added_p99_ms=… turn_median_added_p99_ms=…
 * own_p99_ms=…} ({@code own}: the same requests as the gateway's own timer counted them, the upper bound of the
 * bucket holding its p99), {@code paused-store-bench: …} (see {@link #pausedStoreBench}) and
 * {@code list-sessions-bench: rate=500 requests=… p50_ms=… p99_ms=… max_ms=… errors=…}.
 * <p>
 * With {@code -Dbench.profile=<dir>} it also records, right after the warm-up, the gateway and the commissions
 * service with JDK Flight Recorder while the gateway is called at {@code bench.profileRate} per second, and
 * writes the recordings to that directory.
 * <p>
 * Run from the project root: {@code ./chorus bench}. The gateway's rate limits are raised for the run (by
 * environment, see {@link #main}); everything else is as {@code ./chorus up} runs it.
 */
public final class GatewayBench {

    private static final int CALLERS = Integer.getInteger("bench.callers", 32);
    /**
     * Long enough for the JIT compilers to finish with the gateway: on 2 cores shared with the services, a
     * 10 s warm-up left the gateway running half-compiled code (its C2 thread still took a quarter of a core
     * after 60 s at 400 requests/s) and measured start-up, not the gateway.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 60));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
    private static final int RATE = Integer.getInteger("bench.rate", 1_000);
    private static final int OPEN_LOOP_REQUESTS = Integer.getInteger("bench.openLoopRequests", 15_000);
    private static final int SESSIONS = Integer.getInteger("bench.sessions", 200);
    private static final int SESSIONS_RATE = Integer.getInteger("bench.sessionsRate", 500);
    private static final int SESSIONS_SECONDS = Integer.getInteger("bench.sessionsSeconds", 15);
    private static final String CLIENT = System.getProperty("bench.client", "netty");
    private static final Duration PAUSE_AFTER = Duration.ofSeconds(Long.getLong("bench.pauseAfterSeconds", 3));
    private static final Duration PAUSE = Duration.ofSeconds(Long.getLong("bench.pauseSeconds", 5));
    /** Latencies are recorded up to this; a longer one counts as this long. */
    static final long LONGEST_NANOS = TimeUnit.SECONDS.toNanos(30);
    static final String PROFILE = System.getProperty("bench.profile");
    private static final int PROFILE_RATE = Integer.getInteger("bench.profileRate", 400);
    private static final int PROFILE_SECONDS = Integer.getInteger("bench.profileSeconds", 20);
    private static final long MAX_CALLS_PER_PHASE = 5_000_000;
    private static final String CHILD = "CHORUS_BENCH_CHILD";

    private GatewayBench() {
    }

    public static void main(String[] args) throws Exception {
        onPlatform(args, GatewayBench::run);
    }

    /** A benchmark's work, given the running platform. */
    interface OnPlatform {
        void run(ChorusPlatform platform) throws Exception;
    }

    /** Runs {@code work} on a platform started for it (in a second JVM with the bench's limits), then exits. */
    static void onPlatform(String[] args, OnPlatform work) throws Exception {
        if (System.getenv(CHILD) == null) {
            System.exit(relaunchWithBenchLimits(args));
        }
        PlatformConfig config = PlatformConfig.forTests(ProjectRoot.find()).withProgress(System.err);
        int status = 0;
        try (ChorusPlatform platform = ChorusPlatform.start(config)) {
            work.run(platform);
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
        // The gateway's request timer is counted from 1 ms up by default; from 50 µs, its own p99 can be read closely.
        builder.environment().put("MANAGEMENT_METRICS_DISTRIBUTION_MINIMUMEXPECTEDVALUE_CHORUS_GATEWAY_REQUESTS", "50us");
        // Measure with the optimising JIT compiler, as in production, not the quick-start setting of ./chorus up.
        builder.environment().put("CHORUS_FULL_JIT", "true");
        Process child = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
        return child.waitFor();
    }

    private static void run(ChorusPlatform platform) throws Exception {
        Tokens tokens = new Tokens(platform.keycloak());
        FreshBearer authorization = new FreshBearer(tokens, DemoNetwork.COORDINATOR, DemoNetwork.DEMO_PASSWORD);
        String id = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        String name = "commissions/" + id;
        try (JsonClient http = JsonClient.create(CLIENT, platform.gatewayUrl(), authorization)) {
            http.post("/v1/commissions?commissionId=" + id, "{\"displayName\": \"Benchmark commission\", \"place\": \"Leeds\"}");
            Supplier<CompletableFuture<?>> gatewayAsync = () -> http.get("/v1/" + name);
            Runnable viaGateway = () -> http.get("/v1/" + name).join();
            int grpcPort = platform.config().ports().service("commissions").grpc();
            ManagedChannel channel = Grpc.newChannelBuilder("127.0.0.1:" + grpcPort, InsecureChannelCredentials.create()).build();
            try {
                ClientInterceptor bearer = bearer(authorization);
                GetCommissionRequest request = GetCommissionRequest.newBuilder().setName(name).build();
                var blocking = CommissionsServiceGrpc.newBlockingStub(channel)
                        .withInterceptors(bearer);
                var future = CommissionsServiceGrpc.newFutureStub(channel)
                        .withInterceptors(bearer);
                Runnable direct = () -> {
                    Commission c = blocking.withDeadlineAfter(10, TimeUnit.SECONDS).getCommission(request);
                    if (!c.getName().equals(name)) {
                        throw new IllegalStateException("wrong answer");
                    }
                };
                Supplier<CompletableFuture<?>> directAsync = () -> toCompletable(future.withDeadlineAfter(10, TimeUnit.SECONDS).getCommission(request));
                gatewayBench(platform.config().ports().gateway(), direct, viaGateway, directAsync, gatewayAsync);
            } finally {
                channel.shutdownNow();
            }
            listSessionsBench(http, name);
        }
    }

    private static void gatewayBench(int gatewayPort, Runnable direct, Runnable viaGateway, Supplier<CompletableFuture<?>> directAsync,
                                     Supplier<CompletableFuture<?>> gatewayAsync) throws Exception {
        log("warm-up (%ds each)", WARM_UP.toSeconds());
        try (AutoCloseable ignored = scrapedAsByPrometheus(gatewayPort)) {
            saturate(direct, WARM_UP);
            saturate(viaGateway, WARM_UP);
        }
        if (PROFILE != null) {
            profile(gatewayAsync);
        }
        double directRps = saturate(direct, MEASURE);
        log("direct gRPC: %.0f requests/s with %d callers", directRps, CALLERS);
        double gatewayRps = saturate(viaGateway, MEASURE);
        log("through the gateway: %.0f requests/s with %d callers", gatewayRps, CALLERS);

        openLoop(directAsync, RATE, RATE * 3);
        openLoop(gatewayAsync, RATE, RATE * 3);
        Histogram directLatency = new Histogram(LONGEST_NANOS, 3);
        Histogram gatewayLatency = new Histogram(LONGEST_NANOS, 3);
        PrometheusHistogram before = gatewayOwnTime(gatewayPort);
        double[] addedEachTurn = takingTurns(directAsync, directLatency, gatewayAsync, gatewayLatency);
        PrometheusHistogram own = gatewayOwnTime(gatewayPort).since(before);
        log("direct   at %d/s: p50 %.2f ms, p99 %.2f ms, max %.2f ms", RATE, ms(directLatency, 50), ms(directLatency, 99), directLatency.getMaxValue() / 1e6);
        log("gateway  at %d/s: p50 %.2f ms, p99 %.2f ms, max %.2f ms", RATE, ms(gatewayLatency, 50), ms(gatewayLatency, 99), gatewayLatency.getMaxValue() / 1e6);
        log("the same %d requests as the gateway timed them, from its first filter to the end of the answer: p50 at most %.3f ms, p99 at most %.3f ms",
                own.count(), own.upperBoundMs(50), own.upperBoundMs(99));
        log("added p99 of each turn (ms): %s", Arrays.stream(addedEachTurn).mapToObj(added -> String.format(Locale.ROOT, "%.2f", added))
                .collect(Collectors.joining(" ")));
        double addedTurnMedian = median(addedEachTurn);

        System.out.printf(Locale.ROOT, "gateway-bench: direct_rps=%.0f gateway_rps=%.0f ratio=%.2f added_p50_ms=%.2f added_p99_ms=%.2f turn_median_added_p99_ms=%.2f own_p99_ms=%.3f%n",
                directRps, gatewayRps, gatewayRps / directRps,
                ms(gatewayLatency, 50) - ms(directLatency, 50), ms(gatewayLatency, 99) - ms(directLatency, 99), addedTurnMedian,
                own.upperBoundMs(99));
        System.out.flush();
        pausedStoreBench(gatewayAsync, gatewayLatency);
    }

    /**
     * Reads the gateway's {@code /actuator/prometheus} every 5 s until closed, as Prometheus reads a running gateway.
     * Read only just before and after the open loops, the read was new to the gateway's compiled code: in four runs
     * of seven the gateway's first turn after it had a p99 48 to 565 ms above the direct path's, and in one (read once
     * before the warm-up too) the gateway's own access lines had a median of 9 ms, then 3, in the two turns after it,
     * against under 1 ms just before.
     */
    private static AutoCloseable scrapedAsByPrometheus(int gatewayPort) {
        ScheduledExecutorService prometheus = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
        prometheus.scheduleAtFixedRate(() -> {
            try {
                gatewayOwnTime(gatewayPort);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log("could not read the gateway's metrics: %s", e.getMessage());
            }
        }, 0, 5, TimeUnit.SECONDS);
        return prometheus::shutdownNow;
    }

    /** The gateway's own timer of the requests it answered with 200 to a GET (its histogram is finer for the run: see {@link #main}). */
    private static PrometheusHistogram gatewayOwnTime(int gatewayPort) throws Exception {
        return PrometheusHistogram.read(gatewayPort, "chorus_gateway_requests_seconds", "method=\"GET\"", "status=\"200\"");
    }

    /**
     * The direct and the gateway open loops at {@link #RATE}, taking turns a second at a time until each has made
     * {@link #OPEN_LOOP_REQUESTS} requests. Run one whole loop after the other, a stall of the machine in one loop's
     * 15 s (a collection in another process, the disk) counted against that path alone: the direct loop's p99 was
     * 3.9 to 8.6 ms in the runs of one day, as far apart as the gateway's whole added p99. Taking turns, both paths
     * see the same machine. Gives each turn's added p99 (the gateway's p99 less the direct path's, each over its
     * second): their median is what a stall of the machine in one or two turns does not move.
     */
    private static double[] takingTurns(Supplier<CompletableFuture<?>> direct, Histogram directLatency,
                                        Supplier<CompletableFuture<?>> gateway, Histogram gatewayLatency) throws InterruptedException {
        CpuMeter cpu = CpuMeter.start();
        long failed = 0;
        double[] addedEachTurn = new double[(OPEN_LOOP_REQUESTS + RATE - 1) / RATE];
        for (int turn = 0, made = 0; made < OPEN_LOOP_REQUESTS; turn++, made += RATE) {
            int requests = Math.min(RATE, OPEN_LOOP_REQUESTS - made);
            OpenLoopResult viaDirect = run(direct, RATE, requests);
            OpenLoopResult viaGateway = run(gateway, RATE, requests);
            directLatency.add(viaDirect.latency());
            gatewayLatency.add(viaGateway.latency());
            addedEachTurn[turn] = ms(viaGateway.latency(), 99) - ms(viaDirect.latency(), 99);
            failed += viaDirect.failed() + viaGateway.failed();
        }
        log("  open loops taking turns each second, %d requests each at %d/s; %s", OPEN_LOOP_REQUESTS, RATE,
                cpu.perRequest(2L * OPEN_LOOP_REQUESTS));
        if (failed > 0) {
            log("%d of %d open-loop requests failed (not in the latencies)", failed, 2L * OPEN_LOOP_REQUESTS);
        }
        return addedEachTurn;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * The same open loop through the gateway while the rate-limit database does not answer: {@link #PAUSE_AFTER} into
     * the run, every PostgreSQL backend serving the gateway's database is stopped (SIGSTOP) for {@link #PAUSE}, then
     * let go on (SIGCONT). Requests that find a place in a block the gateway holds never wait for the database; a
     * request that finds none waits at most the store's {@code wait-for-block} after the block was asked for (50 ms;
     * a busy key asks for it long before), then its key counts in memory at once until the database answers.
     * {@code pause_p99_ms} is over the requests due during the pause; {@code waited} counts those of them that took
     * 50 ms or more. {@code outside_p99_ms} is over the same run's other requests, due before and after the pause:
     * the same loop on the same machine at the same time, without the pause. {@code sham_p99_ms} is over the same
     * window of a run just before, in which the bench lists the backends all the same but stops none: what the
     * harness itself costs there.
     */
    private static void pausedStoreBench(Supplier<CompletableFuture<?>> gatewayAsync, Histogram unpaused)
            throws InterruptedException {
        OpenLoopResult sham = withPause(gatewayAsync, false);
        OpenLoopResult result = withPause(gatewayAsync, true);
        int first = (int) (PAUSE_AFTER.toMillis() * RATE / 1000);
        int end = (int) (PAUSE_AFTER.plus(PAUSE).toMillis() * RATE / 1000);
        Histogram window = result.between(first, end);
        Histogram outside = result.between(0, first);
        outside.add(result.between(end, OPEN_LOOP_REQUESTS));
        int slice = RATE / 4;
        StringBuilder slices = new StringBuilder();
        for (int from = first - slice * 4; from < end + slice * 4; from += slice) {
            slices.append(String.format(Locale.ROOT, " %.1f", ms(result.between(from, from + slice), 99)));
        }
        log("p99 (ms) of each 250 ms of requests, from 1 s before the pause to 1 s after it:%s", slices);
        long waited = window.getCountBetweenValues(TimeUnit.MILLISECONDS.toNanos(50), window.getHighestTrackableValue());
        System.out.printf(Locale.ROOT, "paused-store-bench: rate=%d pause_s=%d pause_requests=%d pause_p50_ms=%.2f pause_p99_ms=%.2f "
                        + "pause_max_ms=%.2f waited=%d sham_p99_ms=%.2f outside_p99_ms=%.2f run_p99_ms=%.2f unpaused_p99_ms=%.2f errors=%d%n",
                RATE, PAUSE.toSeconds(), window.getTotalCount(), ms(window, 50), ms(window, 99), window.getMaxValue() / 1e6, waited,
                ms(sham.between(first, end), 99), ms(outside, 99), ms(result.latency(), 99), ms(unpaused, 99), result.failed());
        System.out.flush();
    }

    /** The gateway's open loop with the rate-limit database paused in its middle; {@code stop=false}: only as if. */
    private static OpenLoopResult withPause(Supplier<CompletableFuture<?>> gatewayAsync, boolean stop) throws InterruptedException {
        try (RateLimitStorePause pause = RateLimitStorePause.after("gateway", PAUSE_AFTER, PAUSE, stop)) {
            OpenLoopResult result = openLoop(gatewayAsync, RATE, OPEN_LOOP_REQUESTS);
            log("%s %d PostgreSQL backends of the gateway's database for %d s", stop ? "stopped" : "listed but did not stop",
                    pause.found(), PAUSE.toSeconds());
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the shell that sends the signals: " + e.getMessage(), e);
        }
    }

    /**
     * {@code ListSessions} through the gateway: a commission with {@link #SESSIONS} sessions (one a week, going
     * back), the first page of 20, open loop at {@link #SESSIONS_RATE} per second for {@link #SESSIONS_SECONDS}
     * seconds, after as long a warm-up at the same rate (the route's own code, a longer answer, gets compiled).
     */
    private static void listSessionsBench(JsonClient http, String commission) throws InterruptedException {
        log("creating %d sessions in %s", SESSIONS, commission);
        Instant first = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(10)).minus(Duration.ofDays(7L * SESSIONS));
        for (int i = 0; i < SESSIONS; i++) {
            Instant start = first.plus(Duration.ofDays(7L * i));
            http.post("/v1/" + commission + "/sessions", sessionJson("Gathering " + (i + 1), start, start.plus(Duration.ofHours(3))));
        }
        String page = "/v1/" + commission + "/sessions?pageSize=20";
        String body = http.get(page).join();
        if (!body.contains("\"nextPageToken\"") || body.split("\"title\"").length != 21) {
            throw new IllegalStateException("ListSessions did not answer a full page of 20 with a next page: " + body);
        }
        Supplier<CompletableFuture<?>> list = () -> http.get(page);
        int requests = SESSIONS_RATE * SESSIONS_SECONDS;
        openLoop(list, SESSIONS_RATE, requests);
        OpenLoopResult result = openLoop(list, SESSIONS_RATE, requests);
        Histogram latency = result.latency();
        System.out.printf(Locale.ROOT, "list-sessions-bench: rate=%d requests=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d%n",
                SESSIONS_RATE, requests, ms(latency, 50), ms(latency, 99), latency.getMaxValue() / 1e6, result.failed());
        System.out.flush();
    }

    /** Records the gateway and the commissions service while the gateway is called at {@link #PROFILE_RATE} per second. */
    private static void profile(Supplier<CompletableFuture<?>> gatewayAsync) throws InterruptedException {
        openLoop(gatewayAsync, PROFILE_RATE, PROFILE_RATE * 5);
        log("profiling the gateway at %d requests/s for %d s", PROFILE_RATE, PROFILE_SECONDS);
        try (FlightRecordings ignored = FlightRecordings.start(Path.of(PROFILE), List.of("chorus-gateway.jar", "chorus-commissions.jar"))) {
            Histogram latency = openLoop(gatewayAsync, PROFILE_RATE, PROFILE_RATE * PROFILE_SECONDS).latency();
            log("gateway  at %d/s: p50 %.2f ms, p99 %.2f ms, max %.2f ms", PROFILE_RATE, ms(latency, 50), ms(latency, 99), latency.getMaxValue() / 1e6);
        } catch (IOException e) {
            throw new IllegalStateException("Could not record with JFR: " + e.getMessage(), e);
        }
    }

    private static String sessionJson(String title, Instant start, Instant end) {
        return """
                {"title": "%s", "startTime": "%s", "endTime": "%s",
                 "location": {"place": "St George's Centre, Leeds"},
                 "accessibility": {"stepFreeAccess": true, "hearingLoop": true, "quietRoom": false,
                                   "interpreter": {"kind": "BSL"}, "childcareProvided": true, "travelPaid": true,
                                   "foodProvided": true}}""".formatted(title, start, end);
    }

    /** Closed loop: {@link #CALLERS} threads call back to back for {@code duration}; returns completed calls per second. */
    private static double saturate(Runnable call, Duration duration) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        CountDownLatch finished = new CountDownLatch(CALLERS);
        CpuMeter cpu = CpuMeter.start();
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
        log("  closed loop, %d calls in %.1f s; %s", done.get(), seconds, cpu.perRequest(done.get()));
        if (failed.get() > done.get() / 100) {
            throw new IllegalStateException(failed.get() + " calls failed of " + (done.get() + failed.get()));
        }
        return done.get() / seconds;
    }

    /** Each request's latency in nanoseconds, in the order they were due (-1: failed), how many failed, and the first failure. */
    record OpenLoopResult(long[] each, long failed, Throwable firstError) {

        /** The latencies of all the requests that were answered. */
        Histogram latency() {
            return between(0, each.length);
        }

        /** The latencies of the requests due from {@code from} (inclusive) to {@code to} (exclusive), by index, within the run. */
        Histogram between(int from, int to) {
            Histogram part = new Histogram(LONGEST_NANOS, 3);
            for (int i = Math.max(0, from); i < Math.min(each.length, to); i++) {
                if (each[i] >= 0) {
                    part.recordValue(Math.min(each[i], LONGEST_NANOS));
                }
            }
            return part;
        }
    }

    /**
     * Open loop at {@code rate} per second: request i is due at {@code start + i / rate}; its latency is
     * from that time to its answer, so a late send counts against the system, not the load generator.
     */
    static OpenLoopResult openLoop(Supplier<CompletableFuture<?>> call, int rate, int requests) throws InterruptedException {
        CpuMeter cpu = CpuMeter.start();
        OpenLoopResult result = run(call, rate, requests);
        log("  open loop, %d requests at %d/s; %s", requests, rate, cpu.perRequest(requests));
        if (result.failed() > 0) {
            // Reported, not fatal: past saturation an open loop fails some calls, and that is a result too.
            log("%d of %d open-loop requests failed (not in the latencies); the first: %s", result.failed(), requests, result.firstError());
        }
        return result;
    }

    private static OpenLoopResult run(Supplier<CompletableFuture<?>> call, int rate, int requests) throws InterruptedException {
        long[] each = new long[requests];
        AtomicLong failed = new AtomicLong();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        CountDownLatch answered = new CountDownLatch(requests);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int request = i;
            call.get().whenComplete((ignored, error) -> {
                long latency = System.nanoTime() - due;
                if (error != null) {
                    failed.incrementAndGet();
                    firstError.compareAndSet(null, error);
                    each[request] = -1;
                } else {
                    each[request] = latency;
                }
                answered.countDown();
            });
        }
        if (!answered.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Not every request was answered within a minute");
        }
        // The latch orders each callback's write before this read.
        return new OpenLoopResult(each, failed.get(), firstError.get());
    }

    /** Puts the caller's token, as it is at the time, on each call. */
    private static ClientInterceptor bearer(Supplier<String> authorization) {
        Metadata.Key<String> header = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
        return new ClientInterceptor() {
            @Override
            public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<A> listener, Metadata headers) {
                        headers.put(header, authorization.get());
                        super.start(listener, headers);
                    }
                };
            }
        };
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

    static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "bench  " + format + "%n", args);
    }
}
