package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.launcher.PostgresEndpoint;
import org.junit.jupiter.api.Test;

/**
 * The scale suite (issue #17): a network of a thousand commissions answers as fast as a network of one, a new
 * commission is ready in every service within two seconds, and a service starts within eight seconds.
 * <ol>
 *   <li>A fixed mix of requests through the gateway with real Keycloak tokens ({@link #MIX}: reads in every service
 *       and a write, by the coordinator, a facilitator and finance), open loop at a fixed rate: each request has a
 *       time it is due and its latency counts from then, so a slow answer cannot slow the load down and hide itself.
 *       First in one commission, after a warm-up of the same mix.</li>
 *   <li>The other commissions are opened as a coordinator opens one ({@code POST /v1/commissions}: the commissions
 *       service sets it up, then asks membership, payments and reporting to), by {@link #OPENERS} clients at once.
 *       How long each service took to make each commission ready is what the service itself measured in the one
 *       place that sets commissions up ({@code chorus_commission_setup_seconds{reason="open"}}): the difference of
 *       its histogram over the openings gives how many took longer than 2 s (exactly: 2 s is a bucket) and the p99
 *       (as the upper edge of its bucket, so never lower than the truth); its max is read every few seconds while
 *       the openings run (the max is kept for about two minutes), so it is the largest of them, or larger if an
 *       earlier set-up in that window was.</li>
 *   <li>The same mix at the same rate again, now half in the first commission and half in the last one opened:
 *       p50 and p99 are compared with the network of one.</li>
 *   <li>Every service is restarted ({@link ChorusPlatform#restart}, which returns once it is ready): its start-up
 *       is from launching the new process until it is ready (the whole restart, with the graceful stop, is printed
 *       too), and the first and the last commission must then answer through the gateway.</li>
 * </ol>
 * It prints {@code scale: commissions=N open_max_s=… open_p99_s=… latency_p50_ratio=… latency_p99_ratio=…
 * startup_max_s=…}, with a line per service after it. The full form ({@code -Dscale.full=true}) opens 1,000
 * commissions and measures 2,400 requests each time; the short form in {@code ./chorus test} opens
 * {@value #SHORT_COMMISSIONS} and measures 400, and does not assert the latency ratios: on a 2-core machine shared
 * with a build, the p99 of 400 requests (their fourth slowest) moves by more than 10% from one run to the next with
 * no change at all, so at that size the ratio is printed, not judged. Nor does it assert the start-up target: a service
 * starts in about 3 s from its ahead-of-time cache (JDK 25 and later), but in 6 to 10 s on JDK 21, which the project
 * also runs on; the full form asserts it.
 */
class ScaleIT {

    private static final boolean FULL = Boolean.getBoolean("scale.full");
    static final int SHORT_COMMISSIONS = 20;
    private static final int COMMISSIONS = FULL ? 1_000 : SHORT_COMMISSIONS;
    /**
     * Clients opening commissions at once. Setting a commission up is mostly CPU (the migrations), so on 2 cores two
     * at once open as many a second as four did (2 to 2.4), and each set-up waits less for the others' (the longest
     * set-up of 30 commissions opened four at once took 1.9 s, of 20 opened two at once 0.7 s).
     */
    private static final int OPENERS = 2;
    /** Requests a second, open loop: each person stays under the gateway's 600 a minute, each commission under 3,000. */
    private static final int RATE = 20;
    private static final Duration WARM_UP = Duration.ofSeconds(FULL ? 30 : 5);
    private static final Duration MEASURED = Duration.ofSeconds(FULL ? 120 : 20);
    private static final double LATENCY_WITHIN = 1.10;
    private static final Duration OPEN_TARGET = Duration.ofSeconds(2);
    private static final Duration STARTUP_TARGET = Duration.ofSeconds(8);
    /** How long the first call for a commission may be refused after a restart while the gateway reconnects. */
    private static final Duration ANSWER_AFTER_RESTART_WITHIN = Duration.ofSeconds(30);
    private static final String SETUP = "chorus_commission_setup_seconds";
    private static final String PASSWORD = "demo-password";

    /** One request of the mix: who sends it, and to what, under {@code /v1/commissions/{commission}}. */
    private record Call(String service, String person, String method, String path) {
    }

    /**
     * The request mix, sent in this order again and again: four reads by the coordinator, three by finance, and a
     * facilitator's two reads and one write (a session planned), so that every service is read and one is written.
     */
    private static final List<Call> MIX = List.of(
            new Call("commissions", "amara", "GET", ""),
            new Call("membership", "amara", "GET", "/roleGrants"),
            new Call("payments", "fin", "GET", "/claims"),
            new Call("commissions", "dev", "GET", "/sessions?pageSize=20"),
            new Call("reporting", "amara", "GET", "/impact?period=" + java.time.Year.now(java.time.ZoneOffset.UTC)),
            new Call("payments", "fin", "GET", "/ledger"),
            new Call("commissions", "dev", "POST", "/sessions"),
            new Call("membership", "dev", "GET", "/members"),
            new Call("payments", "fin", "GET", "/paymentPolicy"),
            new Call("reporting", "amara", "GET", "/outcomes"));

    private final FreshTokens tokens = new FreshTokens(PASSWORD);
    private final HttpClient http = HttpClient.newHttpClient();
    private GatewayClient gateway;
    private final String run = "scale-" + UUID.randomUUID().toString().substring(0, 6) + "-";

    @Test
    void aThousandCommissionsAnswerAsFastAsOneAndEachIsReadyWithinTwoSeconds() throws Exception {
        ChorusPlatform platform = RunningPlatform.get();
        gateway = new GatewayClient(platform.gatewayUrl());
        Map<String, SetupTimes> before = setupTimes(platform);
        Map<String, Double> maxSeen = new ConcurrentHashMap<>();
        Thread watcher = Thread.ofVirtual().start(() -> watchMax(platform, maxSeen));

        List<String> commissions = new ArrayList<>();
        String first = commissionId(0);
        List<Double> clientOpenSeconds = new ArrayList<>(List.of(open(first)));
        commissions.add(first);
        giveTheMixItsRoles(first);
        openLoop(List.of(first), WARM_UP);
        Latencies one = openLoop(List.of(first), MEASURED).all();

        long openingsBegan = System.nanoTime();
        clientOpenSeconds.addAll(openTheRest(commissions));
        double openingSeconds = (System.nanoTime() - openingsBegan) / 1e9;
        watcher.interrupt();
        watcher.join();
        Map<String, SetupTimes> after = setupTimes(platform);
        watchOnce(platform, maxSeen);

        String last = commissions.getLast();
        giveTheMixItsRoles(last);
        openLoop(List.of(first, last), WARM_UP);
        Run manyRun = openLoop(List.of(first, last), MEASURED);
        Latencies many = manyRun.all();

        Map<String, Double> startup = new LinkedHashMap<>();
        Map<String, Double> restart = new LinkedHashMap<>();
        Map<String, List<String>> unanswered = new LinkedHashMap<>();
        for (String service : ChorusPlatform.SERVICES) {
            long begin = System.nanoTime();
            startup.put(service, platform.restart(service).toNanos() / 1e9);
            restart.put(service, (System.nanoTime() - begin) / 1e9);
            unanswered.put(service, answersAfterRestart(service, List.of(first, last)));
        }

        Map<String, SetupTimes> opened = new LinkedHashMap<>();
        ChorusPlatform.SERVICES.forEach(service -> opened.put(service, after.get(service).minus(before.get(service))));
        double openMax = maxSeen.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        double openP99 = opened.values().stream().mapToDouble(times -> times.quantileUpperEdge(0.99)).max().orElse(Double.NaN);
        double p50Ratio = many.quantile(0.50) / one.quantile(0.50);
        double p99Ratio = many.quantile(0.99) / one.quantile(0.99);
        double startupMax = startup.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "scale: commissions=%d open_max_s=%.3f open_p99_s=%.3f latency_p50_ratio=%.3f "
                + "latency_p99_ratio=%.3f startup_max_s=%.1f%n", commissions.size(), openMax, openP99, p50Ratio, p99Ratio, startupMax);
        for (String service : ChorusPlatform.SERVICES) {
            SetupTimes times = opened.get(service);
            System.out.printf(Locale.ROOT, "scale %s: opened=%d open_max_s=%.3f open_p99_s<=%.3f over_2s=%d startup_s=%.1f restart_s=%.1f%n", service,
                    Math.round(times.count()), maxSeen.getOrDefault(service, Double.NaN), times.quantileUpperEdge(0.99),
                    Math.round(times.over(OPEN_TARGET)), startup.get(service), restart.get(service));
        }
        double[] client = clientOpenSeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "scale requests: rate=%d measured=%d one_p50_ms=%.1f one_p99_ms=%.1f many_p50_ms=%.1f "
                        + "many_p99_ms=%.1f first_p50_ms=%.1f first_p99_ms=%.1f last_p50_ms=%.1f last_p99_ms=%.1f opening_s=%.0f opened_per_s=%.1f open_call_p50_s=%.3f open_call_max_s=%.3f present=%d%n",
                RATE, many.count(), one.quantile(0.50) * 1e3, one.quantile(0.99) * 1e3, many.quantile(0.50) * 1e3,
                many.quantile(0.99) * 1e3, manyRun.byCommission().get(first).quantile(0.50) * 1e3,
                manyRun.byCommission().get(first).quantile(0.99) * 1e3, manyRun.byCommission().get(last).quantile(0.50) * 1e3,
                manyRun.byCommission().get(last).quantile(0.99) * 1e3, openingSeconds, (commissions.size() - 1) / openingSeconds,
                client[client.length / 2], client[client.length - 1], commissionsPresent(platform.postgres()));

        assertThat(one.failures()).as("requests of the network of one that failed").isEmpty();
        assertThat(many.failures()).as("requests with %d commissions that failed", commissions.size()).isEmpty();
        for (String service : ChorusPlatform.SERVICES) {
            SetupTimes times = opened.get(service);
            assertThat(times.count()).as("commissions set up in %s while the suite opened them", service)
                    .isGreaterThanOrEqualTo(commissions.size());
            assertThat(times.over(OPEN_TARGET)).as("commissions that took %s more than 2 s to set up", service).isZero();
            assertThat(unanswered.get(service)).as("commissions that did not answer after %s restarted", service).isEmpty();
        }
        assertThat(openMax).as("the longest set-up of a commission in any service, in seconds").isLessThanOrEqualTo(OPEN_TARGET.toSeconds());
        if (FULL) {
            startup.forEach((service, seconds) -> assertThat(seconds).as("seconds from launching %s until it was ready", service)
                    .isLessThanOrEqualTo(STARTUP_TARGET.toSeconds()));
            assertThat(p50Ratio).as("p50 with %d commissions / with one", commissions.size()).isLessThanOrEqualTo(LATENCY_WITHIN);
            assertThat(p99Ratio).as("p99 with %d commissions / with one", commissions.size()).isLessThanOrEqualTo(LATENCY_WITHIN);
        }
    }

    private String commissionId(int index) {
        return run + "%04d".formatted(index);
    }

    /**
     * Opens one commission as the coordinator does, and returns how long the call took. A request the gateway
     * turns away for the coordinator's rate (429) is sent again with the same request id after a pause.
     */
    private double open(String commission) {
        String requestId = UUID.randomUUID().toString();
        while (true) {
            long begin = System.nanoTime();
            var answer = gateway.post("/v1/commissions?commissionId=" + commission + "&requestId=" + requestId, tokens.of("amara"),
                    "{\"displayName\": \"Scale Poverty Truth Commission " + commission + "\"}");
            double seconds = (System.nanoTime() - begin) / 1e9;
            if (answer.status() != 429) {
                assertThat(answer.status()).as("opening %s: %s", commission, answer.body()).isEqualTo(200);
                return seconds;
            }
            Pause.millis(2_000);
        }
    }

    /** Opens commissions 1 to N-1 from {@link #OPENERS} clients at once, adding each to {@code commissions} in order. */
    private List<Double> openTheRest(List<String> commissions) throws Exception {
        AtomicInteger next = new AtomicInteger(1);
        Queue<Double> seconds = new ConcurrentLinkedQueue<>();
        try (ExecutorService openers = Executors.newFixedThreadPool(OPENERS)) {
            var done = new ArrayList<java.util.concurrent.Future<?>>();
            for (int client = 0; client < OPENERS; client++) {
                done.add(openers.submit(() -> {
                    for (int index = next.getAndIncrement(); index < COMMISSIONS; index = next.getAndIncrement()) {
                        seconds.add(open(commissionId(index)));
                    }
                }));
            }
            for (var each : done) {
                each.get();
            }
        }
        for (int index = 1; index < COMMISSIONS; index++) {
            commissions.add(commissionId(index));
        }
        return List.copyOf(seconds);
    }

    /** The facilitator and finance of the mix get their roles in the commission (the coordinator sees every one). */
    private void giveTheMixItsRoles(String commission) {
        for (String grant : List.of("dev FACILITATOR", "fin FINANCE")) {
            String[] personAndRole = grant.split(" ");
            ClaimsThroughTheGatewayIT.ok(gateway.post("/v1/commissions/" + commission + "/roleGrants", tokens.of("amara"),
                    "{\"person\": \"" + personAndRole[0] + "\", \"role\": \"" + personAndRole[1] + "\"}"));
            tokens.forget(personAndRole[0]);
        }
    }

    /** Latencies in seconds, sorted, and what failed. */
    private record Latencies(double[] seconds, List<String> failures) {

        int count() {
            return seconds.length;
        }

        /** The nearest-rank quantile. */
        double quantile(double q) {
            return seconds[Math.max(0, (int) Math.ceil(q * seconds.length) - 1)];
        }
    }

    /** The latencies of a run, of all its requests and of those to each commission. */
    private record Run(Latencies all, Map<String, Latencies> byCommission) {
    }

    /**
     * Sends {@link #MIX} at {@link #RATE} requests a second for {@code length}, each whole round of the mix to the
     * next of {@code commissions} in turn. A request's latency counts from when it was due, not from when it went.
     */
    private Run openLoop(List<String> commissions, Duration length) {
        int requests = (int) (RATE * length.toSeconds());
        long interval = 1_000_000_000L / RATE;
        double[] seconds = new double[requests];
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime() + 100_000_000L;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                long due = start + i * interval;
                LockSupport.parkNanos(due - System.nanoTime());
                int index = i;
                senders.submit(() -> {
                    Call call = MIX.get(index % MIX.size());
                    String commission = commissions.get(index / MIX.size() % commissions.size());
                    String failure;
                    try {
                        var answer = send(call, commission);
                        failure = answer.status() == 200 ? null : answer.status() + " " + answer.body();
                    } catch (RuntimeException e) {
                        failure = e.toString();
                    }
                    seconds[index] = (System.nanoTime() - due) / 1e9;
                    if (failure != null) {
                        failures.add(call.method() + " " + commission + call.path() + ": " + failure);
                    }
                });
            }
        }
        Map<String, Latencies> byCommission = new LinkedHashMap<>();
        for (int which = 0; which < commissions.size(); which++) {
            int commission = which;
            double[] theirs = IntStream.range(0, requests)
                    .filter(i -> i / MIX.size() % commissions.size() == commission).mapToDouble(i -> seconds[i]).sorted().toArray();
            byCommission.put(commissions.get(which), new Latencies(theirs, List.of()));
        }
        Arrays.sort(seconds);
        return new Run(new Latencies(seconds, List.copyOf(failures)), byCommission);
    }

    private GatewayClient.Response send(Call call, String commission) {
        String path = "/v1/commissions/" + commission + call.path();
        String token = tokens.of(call.person());
        if (call.method().equals("GET")) {
            return gateway.get(path, token);
        }
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(14));
        return gateway.post(path, token, """
                {"title": "Planning the next gathering", "startTime": "%s", "endTime": "%s",
                 "location": {"place": "The community centre"},
                 "accessibility": {"stepFreeAccess": true, "hearingLoop": true, "quietRoom": true, "interpreter": {"kind": "NONE"},
                                   "childcareProvided": true, "travelPaid": true, "foodProvided": true}}"""
                .formatted(start, start.plus(Duration.ofHours(2))));
    }

    /**
     * After {@code service} restarted, each of {@code commissions} must answer each read of the mix in that service;
     * returns those that did not within {@link #ANSWER_AFTER_RESTART_WITHIN} (the gateway may take a moment to
     * connect again).
     */
    private List<String> answersAfterRestart(String service, List<String> commissions) {
        List<String> unanswered = new ArrayList<>();
        long until = System.nanoTime() + ANSWER_AFTER_RESTART_WITHIN.toNanos();
        for (String commission : commissions) {
            for (Call call : MIX) {
                if (!call.service().equals(service) || !call.method().equals("GET")) {
                    continue;
                }
                GatewayClient.Response answer = send(call, commission);
                while (answer.status() != 200 && System.nanoTime() < until) {
                    Pause.millis(200);
                    answer = send(call, commission);
                }
                if (answer.status() != 200) {
                    unanswered.add(commission + call.path() + " " + answer.status() + " " + answer.body());
                }
            }
        }
        return unanswered;
    }

    /** Keeps the largest {@code _max} each service reports until interrupted (the max forgets after two minutes). */
    private void watchMax(ChorusPlatform platform, Map<String, Double> maxSeen) {
        while (!Thread.currentThread().isInterrupted()) {
            watchOnce(platform, maxSeen);
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void watchOnce(ChorusPlatform platform, Map<String, Double> maxSeen) {
        try {
            setupTimes(platform).forEach((service, times) -> maxSeen.merge(service, times.max(), Math::max));
        } catch (Exception | AssertionError e) {
            // A scrape that failed (an exception, or an answer other than 200): the next look catches up, and the
            // last one runs after the openings.
        }
    }

    /**
     * The set-up histogram of new commissions ({@code reason="open"}) as a service exports it: cumulative count per
     * bucket's upper edge, the count, and the max of the last two minutes.
     */
    private record SetupTimes(TreeMap<Double, Double> buckets, double count, double max) {

        SetupTimes minus(SetupTimes earlier) {
            TreeMap<Double, Double> difference = new TreeMap<>();
            buckets.forEach((edge, count) -> difference.put(edge, count - earlier.buckets.getOrDefault(edge, 0.0)));
            return new SetupTimes(difference, count - earlier.count, max);
        }

        /** How many took longer than {@code limit} (which must be a bucket's edge). */
        double over(Duration limit) {
            Double within = buckets.get(limit.toMillis() / 1000.0);
            assertThat(within).as("a bucket at %s", limit).isNotNull();
            return count - within;
        }

        /** The upper edge of the bucket the {@code q} quantile falls in: the quantile is at most this. */
        double quantileUpperEdge(double q) {
            double rank = Math.ceil(q * count);
            return buckets.entrySet().stream().filter(bucket -> bucket.getValue() >= rank).findFirst()
                    .map(Map.Entry::getKey).orElse(Double.POSITIVE_INFINITY);
        }
    }

    private Map<String, SetupTimes> setupTimes(ChorusPlatform platform) throws Exception {
        Map<String, SetupTimes> byService = new LinkedHashMap<>();
        for (String service : ChorusPlatform.SERVICES) {
            TreeMap<Double, Double> buckets = new TreeMap<>();
            double count = 0;
            double max = 0;
            for (String line : MetricNamesIT.exposition(http, platform.config().ports().service(service).http()).lines().toList()) {
                if (!line.startsWith(SETUP) || !line.contains("reason=\"open\"")) {
                    continue;
                }
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith(SETUP + "_bucket")) {
                    String edge = line.substring(line.indexOf("le=\"") + 4, line.indexOf('"', line.indexOf("le=\"") + 4));
                    buckets.put(edge.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(edge), value);
                } else if (line.startsWith(SETUP + "_count")) {
                    count = value;
                } else if (line.startsWith(SETUP + "_max")) {
                    max = value;
                }
            }
            byService.put(service, new SetupTimes(buckets, count, max));
        }
        return byService;
    }

    /** How many commissions the commissions service has set up, this suite's and every other's. */
    private static long commissionsPresent(PostgresEndpoint postgres) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("commissions"), postgres.user(), postgres.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM network.provisioned_commission")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
