package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.launcher.PostgresEndpoint;
import org.chorus.testrig.RealKeycloak;
import org.chorus.testrig.RealPostgres;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarted under load: clients make claims through the gateway's JSON door, each with a
 * {@code request_id}, sending a request again with the same id until it has a definite answer (as
 * {@code PaymentsCrashIT}'s clients do), while the test rig's PostgreSQL is restarted (a fast shutdown, then a
 * start on the same port and data: every connection of every service is cut). Then:
 * <ul>
 *   <li>{@code lost}: an acknowledged claim not in the payments database, read directly as its owner;</li>
 *   <li>{@code ready_after_s}: from PostgreSQL accepting connections again until every service's and the
 *       gateway's readiness ({@code /actuator/health/readiness}, which includes the database) is UP; at most 30 s.</li>
 * </ul>
 * It prints {@code postgres-restart: writes=… acknowledged=… lost=0 ready_after_s=…}. The short form (200 claims,
 * one restart) runs in {@code ./chorus test}; {@code -Dpostgres.restart.full=true} runs the full one (2,000 claims,
 * five restarts). Only where the rig's PostgreSQL is a local process: a container would come back on another port.
 */
class PostgresRestartIT {

    private static final boolean FULL = Boolean.getBoolean("postgres.restart.full");
    private static final int WRITES = FULL ? 2_000 : 200;
    private static final int RESTARTS = FULL ? 5 : 1;
    private static final int WRITERS = 4;
    private static final Duration READY_WITHIN = Duration.ofSeconds(30);
    /** The longest one claim may take to get a definite answer, restarts included. */
    private static final Duration ANSWER_WITHIN = Duration.ofMinutes(2);
    private static final String DESCRIPTION = "Making the tea, request ";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<UUID, String> acknowledged = new ConcurrentHashMap<>();
    private final Queue<String> refusals = new ConcurrentLinkedQueue<>();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile boolean restartsDone;

    @Test
    void noAcknowledgedWriteIsLostAndEveryServiceIsReadyAgainSoon() throws Exception {
        assumeFalse(RealPostgres.get().dockerBacked(), "PostgreSQL runs in a container here, which would come back on another port");
        ChorusPlatform platform = RunningPlatform.get();
        GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
        String amara = RealKeycloak.get().passwordToken("amara", "demo-password");
        String sam = RealKeycloak.get().passwordToken("sam", "demo-password");
        String commission = "pg-restart-" + UUID.randomUUID().toString().substring(0, 6);
        String at = "/v1/commissions/" + commission;
        ClaimsThroughTheGatewayIT.ok(gateway.post("/v1/commissions?commissionId=" + commission, amara,
                "{\"displayName\": \"Restart Poverty Truth Commission\"}"));
        ClaimsThroughTheGatewayIT.ok(gateway.post(at + "/roleGrants", amara, "{\"person\": \"sam\", \"role\": \"MEMBER\"}"));
        String member = at.substring(4) + "/members/" + BenefitsGuidanceIT.subject(sam);

        List<Double> readyAfter = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                writers.add(CompletableFuture.runAsync(() -> {
                    while (writes.get() < WRITES || !restartsDone) {
                        claim(platform, at, member, amara);
                    }
                }, pool));
            }
            CompletableFuture<Void> done = CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new));
            try {
                for (int restart = 1; restart <= RESTARTS && !done.isDone(); restart++) {
                    while (writes.get() < WRITES * restart / (RESTARTS + 1) && !done.isDone()) {
                        Thread.sleep(20);
                    }
                    RealPostgres.get().restart();
                    readyAfter.add(secondsUntilReady(platform));
                }
            } finally {
                restartsDone = true;
            }
            done.get(10, TimeUnit.MINUTES);
        } finally {
            awaitKeycloak();
        }

        Map<UUID, String> stored = claims(platform.postgres(), commission);
        List<String> lost = acknowledged.entrySet().stream()
                .filter(ack -> !(DESCRIPTION + ack.getKey()).equals(stored.get(UUID.fromString(ack.getValue()))))
                .map(ack -> "request " + ack.getKey() + " made " + ack.getValue()).toList();
        double slowest = readyAfter.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "postgres-restart: writes=%d acknowledged=%d lost=%d ready_after_s=%.1f restarts=%d%n",
                writes.get(), acknowledged.size(), lost.size(), slowest, readyAfter.size());
        assertThat(refusals).as("every claim is answered OK in the end (none was wrong)").isEmpty();
        assertThat(readyAfter).as("restarts").hasSize(RESTARTS);
        assertThat(lost).as("acknowledged claims not stored").isEmpty();
        assertThat(acknowledged).as("acknowledged").hasSize(writes.get());
        assertThat(slowest).as("seconds until every service was ready again").isLessThanOrEqualTo(READY_WITHIN.toSeconds());
    }

    /** One claim, sent again with the same request id until an answer that is not 5xx, 408, 409 or 429, nor a cut connection. */
    private void claim(ChorusPlatform platform, String at, String member, String token) {
        UUID request = UUID.randomUUID();
        writes.incrementAndGet();
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        String body = """
                {"member": "%s", "kind": "TIME", "minutes": 20, "workDate": {"year": %d, "month": %d, "day": %d}, "description": "%s"}"""
                .formatted(member, day.getYear(), day.getMonthValue(), day.getDayOfMonth(), DESCRIPTION + request);
        GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
        long until = System.nanoTime() + ANSWER_WITHIN.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                GatewayClient.Response answer = gateway.post(at + "/claims?requestId=" + request, token, body);
                if (answer.status() == 200) {
                    String name = answer.body().path("name").asString();
                    acknowledged.put(request, name.substring(name.lastIndexOf('/') + 1));
                    return;
                }
                if (answer.status() < 500 && !Set.of(408, 409, 429).contains(answer.status())) {
                    refusals.add("request " + request + ": " + answer.status() + " " + answer.body());
                    return;
                }
            } catch (UncheckedIOException e) {
                // a cut connection: whether it was done is open, so the same request again
            }
            if (System.nanoTime() > until) {
                refusals.add("request " + request + ": no answer after " + attempt + " attempts");
                return;
            }
            Pause.millis(Math.min(100L * attempt, 1_000L));
        }
    }

    /** Seconds from now (PostgreSQL just back) until every service's and the gateway's readiness says UP, or NaN. */
    private static double secondsUntilReady(ChorusPlatform platform) throws InterruptedException {
        long back = System.nanoTime();
        Map<String, Integer> ports = new LinkedHashMap<>();
        ChorusPlatform.SERVICES.forEach(service -> ports.put(service, platform.config().ports().service(service).http()));
        ports.put(ChorusPlatform.GATEWAY, platform.config().ports().gateway());
        Map<String, Long> readyAt = new HashMap<>();
        long until = back + READY_WITHIN.toNanos() * 2;
        while (readyAt.size() < ports.size() && System.nanoTime() < until) {
            for (var part : ports.entrySet()) {
                if (!readyAt.containsKey(part.getKey()) && ready(part.getValue())) {
                    readyAt.put(part.getKey(), System.nanoTime());
                }
            }
            Thread.sleep(100);
        }
        if (readyAt.size() < ports.size()) {
            System.out.println("postgres-restart: not ready again: " + ports.keySet().stream().filter(p -> !readyAt.containsKey(p)).toList());
            return Double.NaN;
        }
        return (readyAt.values().stream().mapToLong(Long::longValue).max().orElseThrow() - back) / 1e9;
    }

    private static boolean ready(int httpPort) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** The claims of the commission, id → description, read as the database's owner. */
    private static Map<UUID, String> claims(PostgresEndpoint postgres, String commission) throws Exception {
        Map<UUID, String> claims = new HashMap<>();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("payments"), postgres.user(), postgres.password());
             Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT id, description FROM commission_" + commission.replace('-', '_') + ".claim")) {
            while (rows.next()) {
                claims.put(rows.getObject(1, UUID.class), rows.getString(2));
            }
        }
        return claims;
    }

    /**
     * Keycloak keeps its data in the same PostgreSQL: the suites after this one need it to give tokens again, so this
     * waits (a minute at most) until it does.
     */
    private static void awaitKeycloak() {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try {
                RealKeycloak.get().passwordToken("amara", "demo-password");
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
                Pause.millis(500);
            }
        }
    }
}
