package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.launcher.PostgresEndpoint;
import org.chorus.payments.v1.ApproveClaimRequest;
import org.chorus.payments.v1.Claim;
import org.chorus.payments.v1.CreateClaimRequest;
import org.chorus.payments.v1.GetClaimRequest;
import org.chorus.payments.v1.PaymentsServiceGrpc;
import org.chorus.payments.v1.PaymentsServiceGrpc.PaymentsServiceBlockingStub;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The payments crash suite. Concurrent clients make claims and approve each twice (two different
 * people, neither the member) straight on the payments service's gRPC port, each retrying a request
 * with the same {@code request_id} until it gets a definite answer (UNAVAILABLE, DEADLINE_EXCEEDED
 * and ABORTED are not one: a connection cut by the crash, a restart under way, or the same id still
 * in progress), and one request in ten is sent twice at once. Meanwhile the payments process is
 * killed with SIGKILL at random moments and started again. Every acknowledged request is kept
 * (request id → what it should have made), and at the end the payments database is read directly:
 * <ul>
 *   <li>{@code double}: a request that made two claims (each claim's description names its request),
 *       a claim made by no acknowledged request, more than two approvals of a claim, more than one
 *       ledger transfer posting a claim's approval, or one request answered with two claims;</li>
 *   <li>{@code lost}: an acknowledged claim not stored as sent, an acknowledged approval not
 *       recorded, or a claim whose second approval was acknowledged but is not approved and posted;</li>
 *   <li>{@code unbalanced}: commissions (every one in the database) whose accounts' balances do not
 *       sum to zero per unit or whose transfers name an account of another unit; and, for this
 *       suite's commission, an account whose balance is not what its approved claims say.</li>
 * </ul>
 * It prints {@code payments-crash: requests=N kills=K double=D lost=L unbalanced=U}. The short form
 * (600 requests, 3 kills) runs in {@code ./chorus test}; {@code -Dpayments.crash.full=true} runs the
 * full one (10,002 requests, 20 kills), as the README says.
 */
class PaymentsCrashIT {

    private static final boolean FULL = Boolean.getBoolean("payments.crash.full");
    /** A claim, its first approval and its second: three money-moving requests per claim. */
    private static final int CLAIMS = FULL ? 3_334 : 200;
    private static final int KILLS = FULL ? 20 : 3;
    private static final int CLIENTS = 8;
    /** One request in this many is sent twice at once, as by a client that sends again before the first answer. */
    private static final int SENT_TWICE_EVERY = 10;
    private static final long ATTEMPT_DEADLINE_SECONDS = 10;
    /** Longer than the launcher waits for a restart (five minutes): a request unanswered by then fails the suite. */
    private static final Duration ANSWER_WITHIN = Duration.ofMinutes(6);
    private static final Set<Status.Code> NOT_AN_ANSWER = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.ABORTED);
    private static final String PASSWORD = "demo-password";
    private static final String DESCRIPTION = "Preparing a session, request ";
    private static final List<String> MEMBERS = List.of("sam", "priya");
    /** Who approves, first and second: finance (fin, and fran, made here) or the network's coordinator (amara). */
    private static final List<List<String>> APPROVERS = List.of(List.of("fin", "fran"), List.of("fran", "amara"), List.of("amara", "fin"));

    /** What an OK answer told a client was done. {@code second}: the claim's second approval, which also posts it. */
    private record Acknowledged(String what, UUID requestId, UUID claim, String person, boolean second) {
    }

    private final Queue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    private final Queue<String> refusals = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    /** Requests sent twice at once whose two OK answers named different claims. */
    private final AtomicInteger twoAnswers = new AtomicInteger();
    private final Map<String, String> subjects = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final ExecutorService secondSends = Executors.newVirtualThreadPerTaskExecutor();
    private ManagedChannel channel;
    private String commission;
    private com.google.type.Date workDate;

    /** An access token and when it was fetched: Keycloak's last five minutes, the full form runs longer. */
    private record Token(String jwt, long fetchedNanos) {
    }

    @Test
    void noClaimIsPaidTwiceAndNoAcknowledgedRequestIsLostWhilePaymentsIsKilled() throws Exception {
        ChorusPlatform platform = RunningPlatform.get();
        openTheCommission(platform);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", platform.config().ports().service("payments").grpc()).usePlaintext().build();
        int kills;
        try {
            AtomicInteger next = new AtomicInteger();
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
                for (int client = 0; client < CLIENTS; client++) {
                    clients.add(CompletableFuture.runAsync(() -> {
                        for (int claim = next.getAndIncrement(); claim < CLAIMS; claim = next.getAndIncrement()) {
                            claimAndApprove(claim);
                        }
                    }, pool));
                }
                CompletableFuture<Void> done = CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new));
                kills = killAtRandomMoments(platform, done);
                done.get(FULL ? 180 : 20, TimeUnit.MINUTES);
            }
        } finally {
            channel.shutdownNow();
            secondSends.shutdownNow();
        }

        Found found = check(platform.postgres());
        System.out.printf("payments-crash: requests=%d kills=%d double=%d lost=%d unbalanced=%d%n",
                requests.get(), kills, found.doubled, found.lost, found.unbalanced);
        assertThat(refusals).as("every request is answered OK in the end (no request was wrong)").isEmpty();
        assertThat(kills).as("kills").isEqualTo(KILLS);
        assertThat(found.details).as("what was doubled, lost or unbalanced").isEmpty();
        assertThat(found.doubled).as("double").isZero();
        assertThat(found.lost).as("lost").isZero();
        assertThat(found.unbalanced).as("unbalanced").isZero();
        assertThat(acknowledged).as("acknowledged requests").hasSize(3 * CLAIMS);
    }

    /** A commission of its own, two finance people and the coordinator to approve, two members who chose a bank transfer. */
    private void openTheCommission(ChorusPlatform platform) throws Exception {
        GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
        KeycloakAdminCalls.asMasterAdmin(RealKeycloak.get().baseUrl())
                .createUserIfMissing("fran", "fran@example.org", "Fran", "Example", PASSWORD);
        commission = "crash-" + UUID.randomUUID().toString().substring(0, 6);
        String at = "/v1/commissions/" + commission;
        ClaimsThroughTheGatewayIT.ok(gateway.post("/v1/commissions?commissionId=" + commission, token("amara"),
                "{\"displayName\": \"Crash Poverty Truth Commission\"}"));
        for (String grant : List.of("fin FINANCE", "fran FINANCE", "sam MEMBER", "priya MEMBER")) {
            String[] personAndRole = grant.split(" ");
            ClaimsThroughTheGatewayIT.ok(gateway.post(at + "/roleGrants", token("amara"),
                    "{\"person\": \"" + personAndRole[0] + "\", \"role\": \"" + personAndRole[1] + "\"}"));
        }
        for (String member : MEMBERS) {
            JsonNode preview = ClaimsThroughTheGatewayIT.ok(gateway.post(at + "/benefitsGuidance:preview", token(member),
                    "{\"situation\": {\"benefits\": [{\"kind\": \"UNIVERSAL_CREDIT\"}]}, \"plan\": " + BenefitsGuidanceIT.PLAN + "}"));
            ClaimsThroughTheGatewayIT.ok(BenefitsGuidanceIT.recordChoice(gateway, token(member),
                    at + "/members/" + subject(member), "BANK_TRANSFER", preview));
        }
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        workDate = com.google.type.Date.newBuilder()
                .setYear(yesterday.getYear()).setMonth(yesterday.getMonthValue()).setDay(yesterday.getDayOfMonth()).build();
    }

    /** One claim by its member, then its two approvals, each by a client that reads the claim's etag first. */
    private void claimAndApprove(int index) {
        String member = MEMBERS.get(index % MEMBERS.size());
        UUID claimRequest = UUID.randomUUID();
        CreateClaimRequest create = CreateClaimRequest.newBuilder()
                .setParent("commissions/" + commission)
                .setClaim(Claim.newBuilder()
                        .setMember("commissions/" + commission + "/members/" + subject(member))
                        .setKind(Claim.Kind.TIME)
                        .setDescription(DESCRIPTION + claimRequest)
                        .setMinutes(15 + index % 120)
                        .setWorkDate(workDate))
                .setRequestId(claimRequest.toString())
                .build();
        Claim made = send(member, "claim " + claimRequest, stub -> stub.createClaim(create));
        if (made == null) {
            return;
        }
        UUID claim = UUID.fromString(made.getName().substring(made.getName().lastIndexOf('/') + 1));
        acknowledged.add(new Acknowledged("claim", claimRequest, claim, subject(member), false));
        List<String> approvers = APPROVERS.get(index % APPROVERS.size());
        for (int which = 0; which < approvers.size(); which++) {
            String approver = approvers.get(which);
            Claim read = untilAnswered(approver, "read of " + made.getName(),
                    stub -> stub.getClaim(GetClaimRequest.newBuilder().setName(made.getName()).build()));
            if (read == null) {
                return;
            }
            UUID approval = UUID.randomUUID();
            ApproveClaimRequest approve = ApproveClaimRequest.newBuilder()
                    .setName(made.getName()).setEtag(read.getEtag()).setRequestId(approval.toString()).build();
            if (send(approver, "approval " + approval, stub -> stub.approveClaim(approve)) == null) {
                return;
            }
            acknowledged.add(new Acknowledged("approval", approval, claim, subject(approver), which == 1));
        }
    }

    /**
     * One money-moving request, until it has a definite answer; one in {@link #SENT_TWICE_EVERY}
     * also from a second client at the same moment, with the same request id.
     *
     * @return the claim it answered with, or null when it was refused (noted in {@link #refusals})
     */
    private Claim send(String person, String what, Function<PaymentsServiceBlockingStub, Claim> rpc) {
        requests.incrementAndGet();
        try {
            if (ThreadLocalRandom.current().nextInt(SENT_TWICE_EVERY) != 0) {
                return untilAnswered(person, what, rpc);
            }
            CompletableFuture<Claim> again = CompletableFuture.supplyAsync(() -> untilAnswered(person, what + " (sent twice)", rpc), secondSends);
            Claim first = untilAnswered(person, what, rpc);
            Claim second = again.join();
            if (first != null && second != null && !first.getName().equals(second.getName())) {
                twoAnswers.incrementAndGet();
            }
            return first != null ? first : second;
        } finally {
            answered.incrementAndGet();
        }
    }

    /** Retries with the same request until an answer other than UNAVAILABLE, DEADLINE_EXCEEDED or ABORTED, for at most {@link #ANSWER_WITHIN}. */
    private Claim untilAnswered(String person, String what, Function<PaymentsServiceBlockingStub, Claim> rpc) {
        long until = System.nanoTime() + ANSWER_WITHIN.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return rpc.apply(PaymentsServiceGrpc.newBlockingStub(channel)
                        .withInterceptors(EveryStyleThroughTheGatewayIT.bearer(token(person)))
                        .withDeadlineAfter(ATTEMPT_DEADLINE_SECONDS, TimeUnit.SECONDS));
            } catch (StatusRuntimeException e) {
                Status status = e.getStatus();
                if (!NOT_AN_ANSWER.contains(status.getCode())) {
                    refusals.add(what + ": " + status.getCode() + " " + status.getDescription());
                    return null;
                }
                if (System.nanoTime() > until) {
                    refusals.add(what + ": no answer after " + attempt + " attempts, the last " + status.getCode());
                    return null;
                }
                pause(Math.min(100L * attempt, 1_000L) + ThreadLocalRandom.current().nextLong(100));
                // The restarted service is listening again: connect now rather than after the channel's backoff.
                channel.resetConnectBackoff();
            }
        }
    }

    /**
     * Kills the payments process at {@link #KILLS} random moments, each when a random share (10 to 90
     * per cent) of the requests has been answered, and a random fraction of a second later; returns
     * once each has started again. Answers stop while the service is down, so every kill happens
     * while requests are still being sent.
     */
    private int killAtRandomMoments(ChorusPlatform platform, CompletableFuture<Void> done) {
        int total = 3 * CLAIMS;
        List<Integer> moments = ThreadLocalRandom.current().ints(KILLS, total / 10, total * 9 / 10).sorted().boxed().toList();
        int kills = 0;
        for (int moment : moments) {
            while (answered.get() < moment && !done.isDone()) {
                pause(20);
            }
            if (done.isDone()) {
                break;
            }
            pause(ThreadLocalRandom.current().nextLong(500));
            platform.crash("payments");
            kills++;
        }
        return kills;
    }

    /** What the payments database shows: counts, and a line for each thing found. */
    private static final class Found {
        int doubled;
        int lost;
        int unbalanced;
        final List<String> details = new ArrayList<>();

        void doubled(int count, String what) {
            doubled += count;
            details.add("double: " + what);
        }

        void lost(String what) {
            lost++;
            details.add("lost: " + what);
        }

        void unbalanced(String what) {
            unbalanced++;
            details.add("unbalanced: " + what);
        }
    }

    /** A stored claim, as the checks need it. */
    private record StoredClaim(String member, String description, String state, long pence) {
    }

    private Found check(PostgresEndpoint postgres) throws SQLException {
        Found found = new Found();
        if (twoAnswers.get() > 0) {
            found.doubled(twoAnswers.get(), twoAnswers.get() + " requests sent twice were answered with two different claims");
        }
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("payments"), postgres.user(), postgres.password());
             Statement sql = db.createStatement()) {
            String schema = "commission_" + commission.replace('-', '_');
            Map<UUID, StoredClaim> claims = new HashMap<>();
            try (ResultSet rows = sql.executeQuery("SELECT id, member_id, description, state, amount_pence FROM " + schema + ".claim")) {
                while (rows.next()) {
                    claims.put(rows.getObject(1, UUID.class),
                            new StoredClaim(rows.getString(2), rows.getString(3), rows.getString(4), rows.getLong(5)));
                }
            }
            Map<UUID, Set<String>> approvals = new HashMap<>();
            try (ResultSet rows = sql.executeQuery("SELECT claim_id, approver FROM " + schema + ".claim_approval")) {
                while (rows.next()) {
                    approvals.computeIfAbsent(rows.getObject(1, UUID.class), id -> new HashSet<>()).add(rows.getString(2));
                }
            }
            Map<String, Integer> postings = new HashMap<>();
            try (ResultSet rows = sql.executeQuery("SELECT reference, count(*) FROM " + schema
                    + ".ledger_transfer WHERE kind = 'CLAIM_APPROVED' GROUP BY reference")) {
                while (rows.next()) {
                    postings.put(rows.getString(1), rows.getInt(2));
                }
            }
            doubles(found, claims, approvals, postings);
            losses(found, claims, approvals, postings);
            balances(found, sql, schema, claims);
        }
        return found;
    }

    private void doubles(Found found, Map<UUID, StoredClaim> claims, Map<UUID, Set<String>> approvals, Map<String, Integer> postings) {
        Set<String> acknowledgedClaims = new HashSet<>();
        acknowledged.stream().filter(a -> a.what().equals("claim")).forEach(a -> acknowledgedClaims.add(DESCRIPTION + a.requestId()));
        Map<String, Integer> perRequest = new HashMap<>();
        claims.values().forEach(claim -> perRequest.merge(claim.description(), 1, Integer::sum));
        perRequest.forEach((description, count) -> {
            if (count > 1) {
                found.doubled(count - 1, count + " claims for one request: " + description);
            }
            if (!acknowledgedClaims.contains(description)) {
                found.doubled(count, "a claim no acknowledged request made, which its member would claim again: " + description);
            }
        });
        approvals.forEach((claim, approvers) -> {
            if (approvers.size() > 2) {
                found.doubled(approvers.size() - 2, approvers.size() + " approvals of claim " + claim);
            }
        });
        postings.forEach((claim, count) -> {
            if (count > 1) {
                found.doubled(count - 1, count + " ledger transfers posting " + claim);
            }
        });
    }

    private void losses(Found found, Map<UUID, StoredClaim> claims, Map<UUID, Set<String>> approvals, Map<String, Integer> postings) {
        for (Acknowledged ack : acknowledged) {
            StoredClaim claim = claims.get(ack.claim());
            String name = "commissions/" + commission + "/claims/" + ack.claim();
            if (ack.what().equals("claim")) {
                if (claim == null || !claim.member().equals(ack.person()) || !claim.description().equals(DESCRIPTION + ack.requestId())) {
                    found.lost("claim request " + ack.requestId() + " was answered with " + name + ", stored as " + claim);
                }
            } else if (!approvals.getOrDefault(ack.claim(), Set.of()).contains(ack.person())) {
                found.lost("approval request " + ack.requestId() + " of " + name + " is not recorded");
            } else if (ack.second() && (claim == null || !claim.state().equals("APPROVED") || !postings.containsKey(name))) {
                found.lost("second approval request " + ack.requestId() + " of " + name + " left it " + claim + ", posted "
                        + postings.getOrDefault(name, 0) + " times");
            }
        }
    }

    /**
     * Every commission's accounts sum to zero per unit and each transfer's accounts are of its unit;
     * in this suite's commission (all claims paid by bank transfer) each member is owed exactly their
     * approved claims and the budget has paid exactly all of them.
     */
    private void balances(Found found, Statement sql, String schema, Map<UUID, StoredClaim> claims) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("SELECT table_schema FROM information_schema.tables WHERE table_name = 'ledger_transfer'"
                + " AND table_schema LIKE 'commission\\_%' ORDER BY 1")) {
            while (rows.next()) {
                schemas.add(rows.getString(1));
            }
        }
        assertThat(schemas).as("ledgers to check").contains(schema);
        for (String each : schemas) {
            String moves = "(SELECT credit_account AS account, unit, amount AS change FROM " + each + ".ledger_transfer"
                    + " UNION ALL SELECT debit_account, unit, -amount FROM " + each + ".ledger_transfer) moves";
            Map<String, Long> balances = new HashMap<>();
            List<String> wrong = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT account, sum(change) FROM " + moves + " GROUP BY account")) {
                while (rows.next()) {
                    balances.put(rows.getString(1), rows.getLong(2));
                }
            }
            try (ResultSet rows = sql.executeQuery("SELECT unit, sum(change) FROM " + moves + " GROUP BY unit HAVING sum(change) <> 0")) {
                while (rows.next()) {
                    wrong.add("its " + rows.getString(1) + " balances sum to " + rows.getLong(2));
                }
            }
            try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM " + moves + " LEFT JOIN " + each
                    + ".ledger_account a ON a.id = moves.account AND a.unit = moves.unit WHERE a.id IS NULL")) {
                rows.next();
                if (rows.getLong(1) > 0) {
                    wrong.add(rows.getLong(1) + " moves to or from an account of another unit, or none");
                }
            }
            if (each.equals(schema)) {
                Map<String, Long> expected = new HashMap<>();
                claims.values().stream().filter(claim -> claim.state().equals("APPROVED")).forEach(claim -> {
                    expected.merge("owed:" + claim.member(), claim.pence(), Long::sum);
                    expected.merge("budget", -claim.pence(), Long::sum);
                });
                if (!balances.equals(expected)) {
                    wrong.add("its balances " + balances + " are not its approved claims' " + expected);
                }
            }
            if (!wrong.isEmpty()) {
                found.unbalanced(each + ": " + String.join("; ", wrong));
            }
        }
    }

    private String token(String person) {
        long now = System.nanoTime();
        return tokens.compute(person, (who, held) -> held != null && now - held.fetchedNanos() < Duration.ofMinutes(3).toNanos()
                ? held : new Token(RealKeycloak.get().passwordToken(who, PASSWORD), now)).jwt();
    }

    private String subject(String person) {
        return subjects.computeIfAbsent(person, who -> BenefitsGuidanceIT.subject(token(who)));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
