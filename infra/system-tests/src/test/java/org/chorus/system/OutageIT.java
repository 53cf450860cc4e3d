package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.launcher.PrometheusScrape;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A backend down for a while under an open-loop load through the gateway's JSON door, with real Keycloak tokens:
 * reads of a claim and claims made with a {@code request_id} (so the gateway may repeat them) go to the payments
 * service, and reads of a commission to the commissions service, which must not notice. Once the load is steady
 * (every request answered 200 within 50 ms at the 99th percentile: the platform may have just started; 20 s at
 * most, then it goes on and prints that it was not), the payments
 * process is stopped, kept down, and started again; the gateway is never restarted. Measured:
 * <ul>
 *   <li>{@code breaker_open_after_s}: from the stop to the first refusal with {@code CIRCUIT_OPEN} (the gateway's
 *       breaker gauge, {@code resilience4j_circuitbreaker_state}, must have shown it open too); at most 10 s;</li>
 *   <li>{@code refusal_p99_ms}: the 99th percentile of the latency of the refusals of requests sent after the
 *       stop, counted from when each request was due; at most 50 ms;</li>
 *   <li>{@code attempts_per_request}: the calls the gateway started to payments
 *       ({@code chorus_gateway_backend_attempts_total}) over the requests sent for it; at most 1.1 (and over
 *       the first attempts, those less the gateway's retries, {@code chorus_gateway_retries_total}: what retries
 *       added; at most 1.1 too);</li>
 *   <li>{@code other_errors}: answers from commissions other than 200; none;</li>
 *   <li>{@code recovered_after_s}: from payments being ready again to its first answer 200, after which every
 *       request to it (from a second on) must be answered 200.</li>
 * </ul>
 * It prints {@code outage: down_s=… rps=… breaker_open_after_s=… refusal_p99_ms=… attempts_per_request=…
 * other_errors=… recovered_after_s=…}. The short form (15 s down at 100 requests/s) runs in {@code ./chorus test};
 * {@code -Doutage.full=true} runs the full one (60 s down at 500 requests/s), as the README says.
 */
class OutageIT {

    private static final boolean FULL = Boolean.getBoolean("outage.full");
    private static final Duration DOWN = Duration.ofSeconds(FULL ? 60 : 15);
    private static final int RATE = FULL ? 500 : 100;
    /** Load before the stop, at least: the connections are open and the breaker has a window of successes. */
    private static final Duration BEFORE = Duration.ofSeconds(5);
    /**
     * The longest the load may take to become steady before the stop: on a platform just started the gateway's code
     * is not compiled yet, and requests queued then would be refused late and measured as slow refusals. In CI the
     * shared platform has served the suites before this one, and a steady window often does not come at all on two
     * cores (a 60 s wait ended with {@code steady=false} and a refusal p99 of 37 ms), so a longer wait buys nothing.
     */
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(20);
    private static final double REFUSAL_P99_MS = 50;
    /** Once payments answers again, every request to it for this long must be answered. */
    private static final Duration STEADY = Duration.ofSeconds(5);
    /** The longest the load goes on after payments is ready again without an answer from it. */
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);
    private static final String PAYMENTS = "payments";
    private static final String COMMISSIONS = "commissions";
    private static final String PASSWORD = "demo-password";

    @Test
    void aBackendDownIsRefusedFastWithoutExtraLoadAndRecoversByItself() throws Exception {
        ChorusPlatform platform = RunningPlatform.get();
        GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
        RealKeycloak keycloak = RealKeycloak.get();
        String amara = keycloak.passwordToken("amara", PASSWORD);
        String sam = keycloak.passwordToken("sam", PASSWORD);
        String commission = "outage-" + UUID.randomUUID().toString().substring(0, 6);
        String at = "/v1/commissions/" + commission;
        ClaimsThroughTheGatewayIT.ok(gateway.post("/v1/commissions?commissionId=" + commission, amara,
                "{\"displayName\": \"Outage Poverty Truth Commission\"}"));
        ClaimsThroughTheGatewayIT.ok(gateway.post(at + "/roleGrants", amara, "{\"person\": \"sam\", \"role\": \"MEMBER\"}"));
        String member = at.substring(4) + "/members/" + BenefitsGuidanceIT.subject(sam);
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        String claimBody = """
                {"member": "%s", "kind": "TIME", "minutes": 30, "workDate": {"year": %d, "month": %d, "day": %d},
                 "description": "Setting out the chairs"}""".formatted(member, day.getYear(), day.getMonthValue(), day.getDayOfMonth());
        JsonNode claim = ClaimsThroughTheGatewayIT.ok(gateway.post(at + "/claims?requestId=" + UUID.randomUUID(), amara, claimBody));
        String readClaim = "/v1/" + claim.path("name").asString();

        int gatewayPort = platform.config().ports().gateway();
        double attemptsBefore = attempts(gatewayPort);
        double retriesBefore = retries(gatewayPort);
        OpenLoad load = OpenLoad.start(RATE, i -> switch ((int) (i % 10)) {
            // Per ten: five reads and two claims made for payments, three reads for commissions.
            case 0, 2, 4, 6, 8 -> new OpenLoad.Call(PAYMENTS, get(platform, readClaim, amara));
            case 1, 5 -> new OpenLoad.Call(PAYMENTS, post(platform, at + "/claims?requestId=" + UUID.randomUUID(), amara, claimBody));
            default -> new OpenLoad.Call(COMMISSIONS, get(platform, at, amara));
        });
        List<OpenLoad.Answer> answers;
        boolean steady;
        long down;
        long starting;
        long up;
        Optional<Long> seenOpen;
        try (load; BreakerWatch breaker = BreakerWatch.start(gatewayPort, PAYMENTS)) {
            Thread.sleep(BEFORE.toMillis());
            steady = awaitSteady(load);
            down = System.nanoTime();
            try {
                platform.stop(PAYMENTS, false);
                Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(down + DOWN.toNanos() - System.nanoTime())));
            } finally {
                starting = System.nanoTime();
                platform.start(PAYMENTS);
            }
            up = System.nanoTime();
            long until = up + RECOVERY_LIMIT.toNanos();
            while (System.nanoTime() < until && !steadySince(load, up)) {
                Thread.sleep(200);
            }
            answers = load.stop(Duration.ofSeconds(15));
            seenOpen = breaker.firstOpen();
        }
        double attempts = attempts(gatewayPort) - attemptsBefore;
        double retries = retries(gatewayPort) - retriesBefore;

        List<OpenLoad.Answer> payments = answers.stream().filter(a -> a.target().equals(PAYMENTS)).toList();
        List<OpenLoad.Answer> others = answers.stream().filter(a -> a.target().equals(COMMISSIONS)).toList();
        // Requests sent while payments was down (those sent before reached it, or waited for an answer from it).
        List<OpenLoad.Answer> refusals = payments.stream().filter(a -> a.dueNanos() >= down && "CIRCUIT_OPEN".equals(a.reason())).toList();
        Optional<Long> firstRefusal = refusals.stream().map(OpenLoad.Answer::answeredNanos).filter(t -> t > down).min(Long::compare);
        Optional<Long> recovered = payments.stream().filter(a -> a.ok() && a.dueNanos() > up).map(OpenLoad.Answer::answeredNanos)
                .min(Long::compare);
        List<OpenLoad.Answer> failedAfterRecovery = recovered.map(r -> payments.stream()
                .filter(a -> a.dueNanos() > r + TimeUnit.SECONDS.toNanos(1) && !a.ok()).toList()).orElse(List.of());
        long otherErrors = others.stream().filter(a -> !a.ok()).count();
        double refusalP99 = OpenLoad.percentileMillis(refusals.stream().map(OpenLoad.Answer::latencyNanos).toList(), 99);
        double perRequest = attempts / payments.size();

        System.out.printf(Locale.ROOT, "outage: down_s=%.1f rps=%d breaker_open_after_s=%s refusal_p99_ms=%.1f attempts_per_request=%.3f"
                        + " other_errors=%d recovered_after_s=%s%n", (up - down) / 1e9, RATE, seconds(firstRefusal, down), refusalP99,
                perRequest, otherErrors, seconds(recovered, up));
        System.out.printf(Locale.ROOT, "outage-attempts: requests=%d attempts=%.0f retries=%.0f attempts_per_first_attempt=%.3f%n",
                payments.size(), attempts, retries, attempts / (attempts - retries));
        System.out.println("outage-phases: " + phase("down", answers, down, starting) + " " + phase("starting", answers, starting, up)
                + " " + phase("after", answers, up, Long.MAX_VALUE));
        // Whether the load was steady before the stop (every request 200, p99 within the refusal target) is printed, not
        // asserted: on two cores shared with a dozen processes a 2-second window that fast may not come within a minute
        // (seen once in CI), while the outage's own targets below are asserted either way.
        System.out.println("outage-before-stop: steady=" + steady);
        assertThat(answers).as("no request was rate limited").noneMatch(a -> a.status() == 429);
        assertThat(firstRefusal).as("the breaker opened: a refusal with CIRCUIT_OPEN").isPresent();
        assertThat(seenOpen).as("the gateway's breaker gauge showed it open").isPresent();
        assertThat((firstRefusal.get() - down) / 1e9).as("seconds from the stop to the breaker open").isLessThanOrEqualTo(10);
        assertThat(refusalP99).as("p99 of the refusals while open, ms").isLessThanOrEqualTo(REFUSAL_P99_MS);
        assertThat(perRequest).as("attempts the gateway made to payments per request sent for it").isLessThanOrEqualTo(1.1);
        assertThat(attempts / (attempts - retries)).as("attempts per first attempt: what retries added").isLessThanOrEqualTo(1.1);
        assertThat(otherErrors).as("answers from commissions other than 200: " + others.stream().filter(a -> !a.ok()).limit(5).toList())
                .isZero();
        assertThat(recovered).as("payments answered again, the gateway not restarted").isPresent();
        assertThat(failedAfterRecovery).as("requests to payments that failed once it had recovered").isEmpty();
    }

    /**
     * Waits until every request due in the last two seconds (bar the last half second, still under way) was answered
     * 200, within the refusals' target at the 99th percentile, so that what is measured after is the outage, not a
     * platform warming up (a gateway whose code is not compiled yet queues requests, and refuses some with
     * {@code BACKEND_BUSY}); at most {@link #WARM_UP_LIMIT}.
     *
     * @return whether the load became steady
     */
    private static boolean awaitSteady(OpenLoad load) throws InterruptedException {
        long until = System.nanoTime() + WARM_UP_LIMIT.toNanos();
        while (System.nanoTime() < until) {
            long now = System.nanoTime();
            List<OpenLoad.Answer> recent = load.answers().stream()
                    .filter(a -> a.dueNanos() > now - TimeUnit.MILLISECONDS.toNanos(2_500) && a.dueNanos() < now - TimeUnit.MILLISECONDS.toNanos(500))
                    .toList();
            if (recent.size() >= 2 * RATE - 2 && recent.stream().allMatch(OpenLoad.Answer::ok)
                    && OpenLoad.percentileMillis(recent.stream().map(OpenLoad.Answer::latencyNanos).toList(), 99) <= REFUSAL_P99_MS) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** Whether payments first answered 200 after {@code up} more than {@link #STEADY} (and a second) ago. */
    private static boolean steadySince(OpenLoad load, long up) {
        return load.answers().stream().filter(a -> a.target().equals(PAYMENTS) && a.ok() && a.dueNanos() > up)
                .map(OpenLoad.Answer::answeredNanos).min(Long::compare)
                .map(first -> System.nanoTime() - first > STEADY.toNanos() + TimeUnit.SECONDS.toNanos(1)).orElse(false);
    }

    /**
     * Reads the gateway's breaker gauge for one backend four times a second, and keeps when it first showed open.
     */
    private static final class BreakerWatch implements AutoCloseable {
        private final Thread watcher;
        private volatile Long firstOpen;
        private volatile boolean stopped;

        private BreakerWatch(int gatewayPort, String backend) {
            watcher = Thread.ofPlatform().daemon().name("breaker-watch").start(() -> {
                while (!stopped && firstOpen == null) {
                    try {
                        if (PrometheusScrape.of(gatewayPort).value("resilience4j_circuitbreaker_state",
                                "name=\"" + backend + "\"", "state=\"open\"") > 0) {
                            firstOpen = System.nanoTime();
                        }
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // the next reading, then
                    }
                }
            });
        }

        static BreakerWatch start(int gatewayPort, String backend) {
            return new BreakerWatch(gatewayPort, backend);
        }

        Optional<Long> firstOpen() {
            return Optional.ofNullable(firstOpen);
        }

        @Override
        public void close() {
            stopped = true;
            watcher.interrupt();
        }
    }

    /** Latencies of the refusals and of the other backend's answers due in [from, to), to tell a slow gateway from a slow machine. */
    private static String phase(String name, List<OpenLoad.Answer> answers, long from, long to) {
        List<Long> refused = answers.stream().filter(a -> a.dueNanos() >= from && a.dueNanos() < to && "CIRCUIT_OPEN".equals(a.reason()))
                .map(OpenLoad.Answer::latencyNanos).toList();
        List<Long> other = answers.stream().filter(a -> a.dueNanos() >= from && a.dueNanos() < to && a.target().equals(COMMISSIONS))
                .map(OpenLoad.Answer::latencyNanos).toList();
        return String.format(Locale.ROOT, "%s[refused=%d p50=%.1f p99=%.1f max=%.1f; %s p50=%.1f p99=%.1f max=%.1f]", name, refused.size(),
                OpenLoad.percentileMillis(refused, 50), OpenLoad.percentileMillis(refused, 99), OpenLoad.percentileMillis(refused, 100),
                COMMISSIONS, OpenLoad.percentileMillis(other, 50), OpenLoad.percentileMillis(other, 99), OpenLoad.percentileMillis(other, 100));
    }

    private static double attempts(int gatewayPort) throws Exception {
        return PrometheusScrape.of(gatewayPort).value("chorus_gateway_backend_attempts_total", "backend=\"" + PAYMENTS + "\"");
    }

    private static double retries(int gatewayPort) throws Exception {
        return PrometheusScrape.of(gatewayPort).value("chorus_gateway_retries_total", "backend=\"" + PAYMENTS + "\"");
    }

    private static String seconds(Optional<Long> at, long from) {
        return at.map(t -> String.format(Locale.ROOT, "%.1f", (t - from) / 1e9)).orElse("never");
    }

    private static HttpRequest get(ChorusPlatform platform, String path, String token) {
        return request(platform, path, token).GET().build();
    }

    private static HttpRequest post(ChorusPlatform platform, String path, String token, String json) {
        return request(platform, path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static HttpRequest.Builder request(ChorusPlatform platform, String path, String token) {
        return HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token);
    }
}
