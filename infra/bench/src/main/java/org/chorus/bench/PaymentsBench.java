package org.chorus.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.launcher.DemoNetwork;
import org.chorus.launcher.PostgresEndpoint;
import org.chorus.launcher.Tokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payments benchmark, on the whole platform started as {@link GatewayBench} starts it:
 * <ol>
 *   <li>claims and their approvals through the gateway, open loop at {@code bench.paymentsRate} (200) requests a
 *       second for {@code bench.paymentsSeconds} (60) after a warm-up of {@code bench.paymentsWarmupSeconds} (180): each claim
 *       is made by the member, approved by finance, then by a coordinator (the second approval posts it to the
 *       ledger); an approval is sent a moment after the step before it was due, and waits for its answer if it is late
 *       (the wait counts in its latency);</li>
 *   <li>a ledger of {@code bench.transfers} (1,000,000) transfers in one commission (loaded straight into its schema:
 *       half approvals owed to 1,000 members, half payments), then through the gateway the commission's ledger
 *       summary (the balance check: Σ debits = Σ credits) and one member's statement (the first page of 25),
 *       {@code bench.reads} (200) times each, one after another.</li>
 * </ol>
 * Prints one line: {@code payments-bench: rate=… seconds=… requests=… p50_ms=… p99_ms=… max_ms=… errors=…
 * transfers=… summary_p50_ms=… summary_p99_ms=… statement_p50_ms=… statement_p99_ms=… audit_ms=…}, where
 * {@code audit_ms} is one full recount of every account from the transfers themselves (what the tests check).
 * Run from the project root: {@code ./chorus bench payments}. With {@code -Dbench.profile=<dir>}, the measured claims and
 * approvals are recorded with JDK Flight Recorder in the gateway and the payments service ({@code <dir>/chorus-gateway.jfr},
 * {@code <dir>/chorus-payments.jfr}; summarise them with {@code java infra/bench/JfrSummary.java <dir>/*.jfr}).
 */
public final class PaymentsBench {

    private static final int RATE = Integer.getInteger("bench.paymentsRate", 200);
    private static final int SECONDS = Integer.getInteger("bench.paymentsSeconds", 60);
    /**
     * As long as the JIT compilers need here at this load (7 December 2026, 2 cores, JFR): after 60 s they still took
     * 7–8% of the machine in each of the gateway and payments, which was 97% busy, and a request cost 9.9 ms of CPU in all;
     * after 180 s they took 1% and a request 4.4 ms.
     */
    private static final int WARM_UP_SECONDS = Integer.getInteger("bench.paymentsWarmupSeconds", 180);
    private static final int TRANSFERS = Integer.getInteger("bench.transfers", 1_000_000);
    private static final int MEMBERS = 1_000;
    private static final int READS = Integer.getInteger("bench.reads", 200);
    /** How many claims behind the one being made an approval is: at 200 a second, three claims every 15 ms, 150 ms. */
    private static final int LAG = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PaymentsBench() {
    }

    public static void main(String[] args) throws Exception {
        GatewayBench.onPlatform(args, PaymentsBench::run);
    }

    private static void run(ChorusPlatform platform) throws Exception {
        Tokens tokens = new Tokens(platform.keycloak());
        String commission = "paybench-" + Long.toString(System.currentTimeMillis(), 36);
        String at = "/v1/commissions/" + commission;
        try (JsonClient opening = client(platform, tokens, DemoNetwork.COORDINATOR)) {
            opening.post("/v1/commissions?commissionId=" + commission, "{\"displayName\": \"Payments benchmark commission\"}");
            opening.post(at + "/roleGrants", "{\"person\": \"fin\", \"role\": \"FINANCE\"}");
            opening.post(at + "/roleGrants", "{\"person\": \"sam\", \"role\": \"MEMBER\"}");
        }
        // Tokens carry the roles: each person signs in once their role in the new commission is granted.
        try (JsonClient amara = client(platform, tokens, DemoNetwork.COORDINATOR);
             JsonClient fin = client(platform, tokens, "fin");
             JsonClient sam = client(platform, tokens, "sam")) {
            String samId = subject(tokens.password("sam", DemoNetwork.DEMO_PASSWORD));
            String plan = """
                    {"payments": [{"date": {"year": 2026, "month": 3, "day": 9}, "kind": "FEE",
                                   "amount": {"currencyCode": "GBP", "units": "40", "nanos": 350000000}, "minutes": 180}]}""";
            JsonNode guidance = JSON.readTree(sam.post(at + "/benefitsGuidance:preview",
                    "{\"situation\": {\"benefits\": [{\"kind\": \"UNIVERSAL_CREDIT\"}]}, \"plan\": " + plan + "}"));
            sam.post(at + "/members/" + samId + "/paymentChoices?requestId=" + UUID.randomUUID(), """
                    {"method": "BANK_TRANSFER", "plan": %s, "rulesVersions": %s, "guidanceFingerprint": "%s"}"""
                    .formatted(plan, guidance.path("rulesVersions"), guidance.path("guidanceFingerprint").asString()));

            Claims claims = new Claims(at, samId, sam, fin, amara);
            GatewayBench.log("warm-up: claims and approvals at %d/s for %d s", RATE, WARM_UP_SECONDS);
            GatewayBench.openLoop(claims.next(), RATE, RATE * WARM_UP_SECONDS);
            GatewayBench.OpenLoopResult result;
            if (GatewayBench.PROFILE == null) {
                result = GatewayBench.openLoop(claims.next(), RATE, RATE * SECONDS);
            } else {
                try (FlightRecordings ignored = FlightRecordings.start(Path.of(GatewayBench.PROFILE),
                        List.of("chorus-gateway.jar", "chorus-payments.jar", "chorus-reporting.jar"))) {
                    result = GatewayBench.openLoop(claims.next(), RATE, RATE * SECONDS);
                }
            }
            Histogram approvals = result.latency();

            long audit = loadLedger(platform.postgres(), commission);
            Histogram summary = reads(() -> fin.get(at + "/ledger"), "\"balanced\":true");
            Histogram statement = reads(() -> fin.get(at + "/members/bench-member-7/transfers?pageSize=25"), "\"transfers\"");
            System.out.printf(Locale.ROOT, "payments-bench: rate=%d seconds=%d requests=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d "
                            + "transfers=%d summary_p50_ms=%.2f summary_p99_ms=%.2f statement_p50_ms=%.2f statement_p99_ms=%.2f audit_ms=%d%n",
                    RATE, SECONDS, RATE * SECONDS, GatewayBench.ms(approvals, 50), GatewayBench.ms(approvals, 99),
                    approvals.getMaxValue() / 1e6, result.failed(), TRANSFERS, GatewayBench.ms(summary, 50), GatewayBench.ms(summary, 99),
                    GatewayBench.ms(statement, 50), GatewayBench.ms(statement, 99), audit);
            System.out.flush();
        }
    }

    /**
     * Request i of the open loop: a new claim (i % 3 == 0), the first approval of the claim {@link #LAG} back, or the
     * second approval of the claim {@code 2 × LAG} back, each with the etag its step before answered.
     */
    private record Claims(String at, String member, JsonClient sam, JsonClient fin, JsonClient amara,
                          Map<Integer, CompletableFuture<JsonNode>> made, Map<Integer, CompletableFuture<JsonNode>> approvedOnce,
                          AtomicInteger counter) {

        Claims(String at, String member, JsonClient sam, JsonClient fin, JsonClient amara) {
            this(at, member, sam, fin, amara, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new AtomicInteger());
        }

        Supplier<CompletableFuture<?>> next() {
            return () -> {
                int i = counter.getAndIncrement();
                int claim = i / 3;
                return switch (i % 3) {
                    case 0 -> {
                        CompletableFuture<JsonNode> answer = sam.postAsync(at + "/claims?requestId=" + UUID.randomUUID(), """
                                {"member": "%s/members/%s", "kind": "TIME", "minutes": 60, "description": "Getting ready for the meeting",
                                 "workDate": {"year": %d, "month": %d, "day": %d}}""".formatted(at.substring(4), member, YESTERDAY.getYear(),
                                YESTERDAY.getMonthValue(), YESTERDAY.getDayOfMonth())).thenApply(PaymentsBench::read);
                        made.put(claim, answer);
                        yield answer;
                    }
                    case 1 -> after(made.remove(claim - LAG), fin, approvedOnce, claim - LAG);
                    default -> after(approvedOnce.remove(claim - 2 * LAG), amara, null, 0);
                };
            };
        }

        private CompletableFuture<?> after(CompletableFuture<JsonNode> before, JsonClient approver,
                                           Map<Integer, CompletableFuture<JsonNode>> keep, int claim) {
            if (before == null) {
                // The first claims of a run have no step before them yet: a read of the member's claims instead.
                return sam.get(at + "/claims?pageSize=1");
            }
            CompletableFuture<JsonNode> approved = before.thenCompose(c -> approver.postAsync("/v1/" + c.path("name").asString() + ":approve",
                    "{\"etag\": " + c.path("etag") + ", \"requestId\": \"" + UUID.randomUUID() + "\"}")).thenApply(PaymentsBench::read);
            if (keep != null) {
                keep.put(claim, approved);
            }
            return approved;
        }
    }

    private static final LocalDate YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);

    /**
     * {@link #TRANSFERS} transfers straight into the commission's ledger (half owed to {@link #MEMBERS} members, half
     * paid), as a bulk load does it: the posting trigger off, then each account's posted totals counted once. Returns
     * how long one full recount of every account from its transfers takes, in ms (and fails if any differs).
     */
    private static long loadLedger(PostgresEndpoint postgres, String commission) throws SQLException {
        String schema = "commission_" + commission.replace('-', '_');
        GatewayBench.log("loading %,d transfers into %s", TRANSFERS, schema);
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("payments"), postgres.user(), postgres.password());
             Statement sql = db.createStatement()) {
            sql.execute("SET search_path TO " + schema);
            sql.execute("INSERT INTO ledger_account (id, unit, kind, create_time) VALUES ('budget', 'PENCE', 'BUDGET', now()), "
                    + "('paid_out', 'PENCE', 'PAID_OUT', now()) ON CONFLICT DO NOTHING");
            sql.execute("INSERT INTO ledger_account (id, unit, kind, member_id, create_time) SELECT 'owed:bench-member-' || m, 'PENCE', 'OWED', "
                    + "'bench-member-' || m, now() FROM generate_series(0, " + (MEMBERS - 1) + ") m");
            sql.execute("ALTER TABLE ledger_transfer DISABLE TRIGGER ledger_transfer_posts");
            sql.execute("ALTER TABLE ledger_account DISABLE TRIGGER ledger_posted_only_by_transfers");
            try {
                for (String[] movement : new String[][] {{"'budget'", "'owed:bench-member-' || (i % " + MEMBERS + ")", "CLAIM_APPROVED"},
                        {"'owed:bench-member-' || (i % " + MEMBERS + ")", "'paid_out'", "PAID"}}) {
                    sql.execute("INSERT INTO ledger_transfer (id, debit_account, credit_account, unit, amount, kind, reference, create_time) "
                            + "SELECT gen_random_uuid(), " + movement[0] + ", " + movement[1] + ", 'PENCE', 1345, '" + movement[2] + "', "
                            + "'commissions/" + commission + "/claims/bench', now() - make_interval(secs => " + TRANSFERS + " - i) "
                            + "FROM generate_series(1, " + TRANSFERS / 2 + ") i");
                }
                sql.execute(RECOUNT);
            } finally {
                sql.execute("ALTER TABLE ledger_account ENABLE TRIGGER ledger_posted_only_by_transfers");
                sql.execute("ALTER TABLE ledger_transfer ENABLE TRIGGER ledger_transfer_posts");
            }
            sql.execute("ANALYZE ledger_transfer");
            sql.execute("ANALYZE ledger_account");
            long start = System.nanoTime();
            try (var differing = sql.executeQuery(AUDIT)) {
                differing.next();
                if (differing.getLong(1) != 0) {
                    throw new IllegalStateException(differing.getLong(1) + " accounts keep totals their transfers do not add up to");
                }
            }
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
    }

    private static final String RECOUNT = """
            UPDATE ledger_account a SET debits_posted = coalesce(d.total, 0), credits_posted = coalesce(c.total, 0)
            FROM ledger_account x
            LEFT JOIN (SELECT debit_account, sum(amount) AS total FROM ledger_transfer GROUP BY debit_account) d ON d.debit_account = x.id
            LEFT JOIN (SELECT credit_account, sum(amount) AS total FROM ledger_transfer GROUP BY credit_account) c ON c.credit_account = x.id
            WHERE a.id = x.id""";

    private static final String AUDIT = """
            SELECT count(*) FROM ledger_account a
            LEFT JOIN (SELECT debit_account, sum(amount) AS total FROM ledger_transfer GROUP BY debit_account) d ON d.debit_account = a.id
            LEFT JOIN (SELECT credit_account, sum(amount) AS total FROM ledger_transfer GROUP BY credit_account) c ON c.credit_account = a.id
            WHERE a.debits_posted <> coalesce(d.total, 0) OR a.credits_posted <> coalesce(c.total, 0)""";

    /** {@link #READS} calls one after another (after as many to warm up); each answer must contain {@code expected}. */
    private static Histogram reads(Supplier<CompletableFuture<String>> call, String expected) {
        Histogram latency = new Histogram(GatewayBench.LONGEST_NANOS, 3);
        for (int i = 0; i < 2 * READS; i++) {
            long start = System.nanoTime();
            String body = call.get().join();
            if (i >= READS) {
                latency.recordValue(Math.min(System.nanoTime() - start, GatewayBench.LONGEST_NANOS));
            }
            if (!body.replace(" ", "").contains(expected)) {
                throw new IllegalStateException("Expected " + expected + " in " + body);
            }
        }
        return latency;
    }

    private static JsonClient client(ChorusPlatform platform, Tokens tokens, String person) {
        return JsonClient.create("netty", platform.gatewayUrl(), new FreshBearer(tokens, person, DemoNetwork.DEMO_PASSWORD));
    }

    private static JsonNode read(String body) {
        return JSON.readTree(body);
    }

    private static String subject(String token) {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("sub").asString();
    }
}
