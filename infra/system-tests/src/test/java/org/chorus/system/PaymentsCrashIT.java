package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import com.google.type.Money;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
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
import org.chorus.payments.v1.BankDetails;
import org.chorus.payments.v1.CreatePayoutRequest;
import org.chorus.payments.v1.GetClaimRequest;
import org.chorus.payments.v1.GetPayoutRequest;
import org.chorus.payments.v1.ListVouchersRequest;
import org.chorus.payments.v1.ListVouchersResponse;
import org.chorus.payments.v1.LoadVouchersRequest;
import org.chorus.payments.v1.MarkPayoutPaidRequest;
import org.chorus.payments.v1.PaymentsServiceGrpc;
import org.chorus.payments.v1.PaymentsServiceGrpc.PaymentsServiceBlockingStub;
import org.chorus.payments.v1.Payout;
import org.chorus.payments.v1.PayoutsServiceGrpc;
import org.chorus.payments.v1.PayoutsServiceGrpc.PayoutsServiceBlockingStub;
import org.chorus.payments.v1.UpdateBankDetailsRequest;
import org.chorus.payments.v1.Voucher;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The payments crash suite. Concurrent clients make claims and approve each twice (two different
 * people, neither the member), while the finance team buys vouchers, pays the approved claims by
 * bank and marks those payouts paid, and gives vouchers to the member who chose them: all straight on
 * the payments service's gRPC port, each client sending a request again with the same
 * {@code request_id} until it gets a definite answer (UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED and a
 * connection error are not one: a restart under way, a connection cut by the crash, or the same id
 * still in progress), and
 * one request in ten sent twice at once. Meanwhile the payments process is killed with SIGKILL at
 * random moments and started again. Every acknowledged request is kept (request id → what it should
 * have made), and at the end the payments database is read directly:
 * <ul>
 *   <li>{@code double}: a request that made two claims (each claim's description names its request),
 *       a claim made by no acknowledged request, more than two approvals of a claim, more than one
 *       ledger transfer posting a claim's approval, a claim paid more than it is owed, a voucher code
 *       issued twice or issued without being loaded, more vouchers stored than acknowledged loads
 *       sent, or one request answered two ways;</li>
 *   <li>{@code lost}: an acknowledged claim not stored as sent, an acknowledged approval not
 *       recorded, a claim whose second approval was acknowledged but is not approved and posted, an
 *       acknowledged payout not stored or not marked paid, or fewer vouchers stored than loaded;</li>
 *   <li>{@code unbalanced}: commissions (every one in the database) whose accounts' balances do not
 *       sum to zero per unit, whose transfers name an account of another unit, or with an account
 *       whose debits and credits posted are not its transfers'; and, for this
 *       suite's commission, an account whose balance is not what its claims, payouts and vouchers say.</li>
 * </ul>
 * It prints {@code payments-crash: requests=N kills=K double=D lost=L unbalanced=U}. The short form
 * (600 requests, 3 kills) runs in {@code ./chorus test}; {@code -Dpayments.crash.full=true} runs the
 * full one (10,000 requests, 20 kills), as the README says.
 */
class PaymentsCrashIT {

    private static final boolean FULL = Boolean.getBoolean("payments.crash.full");
    /** Money-moving requests to send at least: claims with their two approvals each until there are as many, and the payouts alongside. */
    private static final int REQUESTS = FULL ? 10_000 : 600;
    private static final int KILLS = FULL ? 20 : 3;
    private static final int CLIENTS = 8;
    /** One request in this many is sent twice at once, as by a client that sends again before the first answer. */
    private static final int SENT_TWICE_EVERY = 10;
    private static final long ATTEMPT_DEADLINE_SECONDS = 10;
    /** Longer than the launcher waits for a restart (five minutes): a request unanswered by then fails the suite. */
    private static final Duration ANSWER_WITHIN = Duration.ofMinutes(6);
    private static final Set<Status.Code> NOT_AN_ANSWER = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.ABORTED);
    /** A definite answer that is no mistake: a payout asked for when nothing was waiting to be paid that way. */
    private static final String NOTHING_TO_PAY = "NOTHING_TO_PAY";
    private static final String PASSWORD = "demo-password";
    private static final String DESCRIPTION = "Preparing a session, request ";
    /** Each member and how they chose to be paid. */
    private static final Map<String, String> MEMBERS = Map.of("sam", "BANK_TRANSFER", "priya", "BANK_TRANSFER", "jo", "VOUCHERS");
    private static final List<String> CLAIMANTS = List.of("sam", "priya", "jo");
    /** Who approves, first and second: finance (fin, and fran, made here) or the network's coordinator (amara). */
    private static final List<List<String>> APPROVERS = List.of(List.of("fin", "fran"), List.of("fran", "amara"), List.of("amara", "fin"));
    /** Who pays people, each in a client of their own, at the same time: payouts in one commission are made one at a time. */
    private static final List<String> PAYERS = List.of("fin", "amara");
    private static final int VOUCHERS_PER_LOAD = 40;
    private static final long VOUCHER_PENCE = 500;

    /**
     * What an OK answer told a client was done: a claim made, an approval ({@code second}: the claim's
     * second, which also posts it), a payout made or marked paid ({@code thing} is the claim or payout).
     */
    private record Acknowledged(String what, UUID requestId, UUID thing, String person, boolean second) {
    }

    /** The stubs of the payments service's two gRPC services, as one person, with one attempt's deadline. */
    private record Stubs(PaymentsServiceBlockingStub claims, PayoutsServiceBlockingStub payouts) {
    }

    private final Queue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    /** The voucher codes of acknowledged loads. */
    private final Set<String> loadedCodes = ConcurrentHashMap.newKeySet();
    private final Queue<String> refusals = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    /** Set once every kill has happened: the clients keep sending until then, so the run cannot end before the last kill. */
    private volatile boolean killsDone;
    /** Requests sent twice at once whose two OK answers differ. */
    private final AtomicInteger twoAnswers = new AtomicInteger();
    private final Map<String, String> subjects = new ConcurrentHashMap<>();
    private final FreshTokens tokens = new FreshTokens(PASSWORD);
    private final ExecutorService secondSends = Executors.newVirtualThreadPerTaskExecutor();
    private ManagedChannel channel;
    private String commission;
    private com.google.type.Date workDate;

    @Test
    void noClaimIsPaidTwiceAndNoAcknowledgedRequestIsLostWhilePaymentsIsKilled() throws Exception {
        ChorusPlatform platform = RunningPlatform.get();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", platform.config().ports().service("payments").grpc()).usePlaintext().build();
        int kills;
        List<String> issuedCodes;
        try {
            openTheCommission(platform);
            AtomicInteger next = new AtomicInteger();
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + PAYERS.size())) {
                for (int client = 0; client < CLIENTS; client++) {
                    clients.add(CompletableFuture.runAsync(() -> {
                        for (int claim = next.getAndIncrement(); requests.get() < REQUESTS || !killsDone; claim = next.getAndIncrement()) {
                            claimAndApprove(claim);
                        }
                    }, pool));
                }
                CompletableFuture<Void> claimsDone = CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new));
                List<CompletableFuture<Void>> all = new ArrayList<>(clients);
                PAYERS.forEach(payer -> all.add(CompletableFuture.runAsync(() -> payOut(payer, claimsDone), pool)));
                CompletableFuture<Void> done = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
                kills = killAtRandomMoments(platform, done);
                done.get(FULL ? 180 : 20, TimeUnit.MINUTES);
            }
            awaitTheGatewayReachingPayments(platform);
            issuedCodes = vouchersGivenTo("jo");
        } finally {
            channel.shutdownNow();
            secondSends.shutdownNow();
        }

        Found found = check(platform.postgres(), issuedCodes);
        System.out.printf("payments-crash: requests=%d kills=%d double=%d lost=%d unbalanced=%d%n",
                requests.get(), kills, found.doubled, found.lost, found.unbalanced);
        assertThat(refusals).as("every request is answered OK in the end (no request was wrong)").isEmpty();
        assertThat(kills).as("kills").isEqualTo(KILLS);
        assertThat(requests.get()).as("requests").isGreaterThanOrEqualTo(REQUESTS);
        assertThat(found.details).as("what was doubled, lost or unbalanced").isEmpty();
        assertThat(found.doubled).as("double").isZero();
        assertThat(found.lost).as("lost").isZero();
        assertThat(found.unbalanced).as("unbalanced").isZero();
        assertThat(issuedCodes).as("vouchers given, so that the voucher checks mean something").isNotEmpty();
    }

    /**
     * The gateway's channel to payments saw every kill and may still be waiting out its reconnect backoff; a call
     * then gets 503 (try again in a moment) and makes the channel try again at once ({@code GrpcBackends}). The
     * suites after this one start from a gateway that reaches payments again: any answer but 503 is from payments.
     */
    private void awaitTheGatewayReachingPayments(ChorusPlatform platform) {
        GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
        String ledger = "/v1/commissions/" + commission + "/ledger";
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        GatewayClient.Response answer = gateway.get(ledger, token("fin"));
        while (answer.status() == 503 && System.nanoTime() < until) {
            Pause.millis(200);
            answer = gateway.get(ledger, token("fin"));
        }
        assertThat(answer.status()).as("payments through the gateway after the kills: " + answer.body()).isNotEqualTo(503);
    }

    /**
     * A commission of its own: two finance people and the coordinator to approve and pay, two members
     * paid by bank transfer (with their bank details) and one in vouchers.
     */
    private void openTheCommission(ChorusPlatform platform) throws Exception {
        GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
        KeycloakAdminCalls.asMasterAdmin(RealKeycloak.get().baseUrl())
                .createUserIfMissing("fran", "fran@example.org", "Fran", "Example", PASSWORD);
        commission = "crash-" + UUID.randomUUID().toString().substring(0, 6);
        String at = "/v1/commissions/" + commission;
        ClaimsThroughTheGatewayIT.ok(gateway.post("/v1/commissions?commissionId=" + commission, token("amara"),
                "{\"displayName\": \"Crash Poverty Truth Commission\"}"));
        for (String grant : List.of("fin FINANCE", "fran FINANCE", "sam MEMBER", "priya MEMBER", "jo MEMBER")) {
            String[] personAndRole = grant.split(" ");
            ClaimsThroughTheGatewayIT.ok(gateway.post(at + "/roleGrants", token("amara"),
                    "{\"person\": \"" + personAndRole[0] + "\", \"role\": \"" + personAndRole[1] + "\"}"));
        }
        for (var member : MEMBERS.entrySet()) {
            String person = member.getKey();
            JsonNode preview = ClaimsThroughTheGatewayIT.ok(gateway.post(at + "/benefitsGuidance:preview", token(person),
                    "{\"situation\": {\"benefits\": [{\"kind\": \"UNIVERSAL_CREDIT\"}]}, \"plan\": " + BenefitsGuidanceIT.PLAN + "}"));
            ClaimsThroughTheGatewayIT.ok(BenefitsGuidanceIT.recordChoice(gateway, token(person),
                    at + "/members/" + subject(person), member.getValue(), preview));
            if (member.getValue().equals("BANK_TRANSFER")) {
                untilAnswered(person, "bank details", stubs -> stubs.payouts().updateBankDetails(UpdateBankDetailsRequest.newBuilder()
                        .setBankDetails(BankDetails.newBuilder().setName(memberName(person) + "/bankDetails")
                                .setAccountName("A Member").setSortCode("000000").setAccountNumber("00000000"))
                        .build()));
            }
        }
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        workDate = com.google.type.Date.newBuilder()
                .setYear(yesterday.getYear()).setMonth(yesterday.getMonthValue()).setDay(yesterday.getDayOfMonth()).build();
    }

    /** One claim by its member, then its two approvals, each by a client that reads the claim's etag first. */
    private void claimAndApprove(int index) {
        String member = CLAIMANTS.get(index % CLAIMANTS.size());
        UUID claimRequest = UUID.randomUUID();
        CreateClaimRequest create = CreateClaimRequest.newBuilder()
                .setParent("commissions/" + commission)
                .setClaim(Claim.newBuilder()
                        .setMember(memberName(member))
                        .setKind(Claim.Kind.TIME)
                        .setDescription(DESCRIPTION + claimRequest)
                        .setMinutes(15 + index % 120)
                        .setWorkDate(workDate))
                .setRequestId(claimRequest.toString())
                .build();
        Claim made = send(member, "claim " + claimRequest, stubs -> stubs.claims().createClaim(create));
        if (made == null) {
            return;
        }
        UUID claim = idOf(made.getName());
        acknowledged.add(new Acknowledged("claim", claimRequest, claim, subject(member), false));
        List<String> approvers = APPROVERS.get(index % APPROVERS.size());
        for (int which = 0; which < approvers.size(); which++) {
            String approver = approvers.get(which);
            Claim read = untilAnswered(approver, "read of " + made.getName(),
                    stubs -> stubs.claims().getClaim(GetClaimRequest.newBuilder().setName(made.getName()).build()));
            if (read == null) {
                return;
            }
            UUID approval = UUID.randomUUID();
            ApproveClaimRequest approve = ApproveClaimRequest.newBuilder()
                    .setName(made.getName()).setEtag(read.getEtag()).setRequestId(approval.toString()).build();
            if (send(approver, "approval " + approval, stubs -> stubs.claims().approveClaim(approve)) == null) {
                return;
            }
            acknowledged.add(new Acknowledged("approval", approval, claim, subject(approver), which == 1));
        }
    }

    /**
     * One payer's work while claims come in, round after round until a last round once they are all
     * in: buys vouchers and pays what is waiting by bank, fran marks it paid once the bank has sent
     * it, and the payer gives vouchers.
     */
    private void payOut(String payer, CompletableFuture<Void> claimsDone) {
        String parent = "commissions/" + commission;
        for (boolean last = false; !last; ) {
            last = claimsDone.isDone();
            UUID load = UUID.randomUUID();
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < VOUCHERS_PER_LOAD; i++) {
                codes.add(UUID.randomUUID().toString());
            }
            if (send(payer, "voucher load " + load, stubs -> stubs.payouts().loadVouchers(LoadVouchersRequest.newBuilder()
                    .setParent(parent).setSupplier("Leeds Market").setValue(Money.newBuilder().setCurrencyCode("GBP").setUnits(VOUCHER_PENCE / 100))
                    .addAllCodes(codes).setRequestId(load.toString()).build())) != null) {
                acknowledged.add(new Acknowledged("vouchers", load, null, subject(payer), false));
                loadedCodes.addAll(codes);
            }
            Payout byBank = payout(payer, Payout.Method.BANK_TRANSFER);
            if (byBank != null) {
                Payout read = untilAnswered("fran", "read of " + byBank.getName(),
                        stubs -> stubs.payouts().getPayout(GetPayoutRequest.newBuilder().setName(byBank.getName()).build()));
                UUID paid = UUID.randomUUID();
                if (read != null && send("fran", "marking paid " + paid, stubs -> stubs.payouts().markPayoutPaid(MarkPayoutPaidRequest
                        .newBuilder().setName(byBank.getName()).setEtag(read.getEtag()).setRequestId(paid.toString()).build())) != null) {
                    acknowledged.add(new Acknowledged("paid", paid, idOf(byBank.getName()), subject("fran"), false));
                }
            }
            payout(payer, Payout.Method.VOUCHERS);
            Pause.millis(last ? 0 : 300);
        }
    }

    /** A payout of what is waiting to be paid by {@code method}, or null when nothing was. */
    private Payout payout(String payer, Payout.Method method) {
        UUID request = UUID.randomUUID();
        Payout made = send(payer, method + " payout " + request, stubs -> stubs.payouts().createPayout(CreatePayoutRequest.newBuilder()
                .setParent("commissions/" + commission).setPayout(Payout.newBuilder().setMethod(method))
                .setRequestId(request.toString()).build()));
        if (made != null) {
            acknowledged.add(new Acknowledged("payout", request, idOf(made.getName()), subject(payer), false));
        }
        return made;
    }

    /** The codes of every voucher given to {@code member}, as they read them (only the member sees the codes). */
    private List<String> vouchersGivenTo(String member) {
        List<String> codes = new ArrayList<>();
        String page = "";
        do {
            String token = page;
            ListVouchersResponse listed = untilAnswered(member, "list of vouchers", stubs -> stubs.payouts().listVouchers(
                    ListVouchersRequest.newBuilder().setParent(memberName(member)).setPageSize(100).setPageToken(token).build()));
            assertThat(listed).as("the member's vouchers").isNotNull();
            listed.getVouchersList().stream().map(Voucher::getCode).forEach(codes::add);
            page = listed.getNextPageToken();
        } while (!page.isEmpty());
        return codes;
    }

    /**
     * One money-moving request, until it has a definite answer; one in {@link #SENT_TWICE_EVERY}
     * also from a second client at the same moment, with the same request id, and both must be told the same.
     *
     * @return the answer, or null when it was refused (noted in {@link #refusals} unless nothing was there to pay)
     */
    private <T extends Message> T send(String person, String what, Function<Stubs, T> rpc) {
        requests.incrementAndGet();
        try {
            if (ThreadLocalRandom.current().nextInt(SENT_TWICE_EVERY) != 0) {
                return untilAnswered(person, what, rpc);
            }
            CompletableFuture<T> again = CompletableFuture.supplyAsync(() -> untilAnswered(person, what + " (sent twice)", rpc), secondSends);
            T first = untilAnswered(person, what, rpc);
            T second = again.join();
            if (first != null && second != null && !first.equals(second)) {
                twoAnswers.incrementAndGet();
            }
            return first != null ? first : second;
        } finally {
            answered.incrementAndGet();
        }
    }

    /**
     * Retries with the same request until an answer other than UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED
     * or a connection error, for at most {@link #ANSWER_WITHIN}.
     */
    private <T extends Message> T untilAnswered(String person, String what, Function<Stubs, T> rpc) {
        long until = System.nanoTime() + ANSWER_WITHIN.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                var bearer = EveryStyleThroughTheGatewayIT.bearer(token(person));
                return rpc.apply(new Stubs(
                        PaymentsServiceGrpc.newBlockingStub(channel).withInterceptors(bearer)
                                .withDeadlineAfter(ATTEMPT_DEADLINE_SECONDS, TimeUnit.SECONDS),
                        PayoutsServiceGrpc.newBlockingStub(channel).withInterceptors(bearer)
                                .withDeadlineAfter(ATTEMPT_DEADLINE_SECONDS, TimeUnit.SECONDS)));
            } catch (StatusRuntimeException e) {
                Status status = e.getStatus();
                // A connection error (a local cause, such as UNKNOWN "channel closed") leaves it open whether the call was done.
                if (!NOT_AN_ANSWER.contains(status.getCode()) && !(status.getCause() instanceof IOException)) {
                    if (!NOTHING_TO_PAY.equals(IsolationSweepIT.reason(e))) {
                        refusals.add(what + ": " + status.getCode() + " " + status.getDescription());
                    }
                    return null;
                }
                if (System.nanoTime() > until) {
                    refusals.add(what + ": no answer after " + attempt + " attempts, the last " + status.getCode());
                    return null;
                }
                Pause.millis(Math.min(100L * attempt, 1_000L) + ThreadLocalRandom.current().nextLong(100));
                // The restarted service is listening again: connect now rather than after the channel's backoff.
                channel.resetConnectBackoff();
            }
        }
    }
    /**
     * Kills the payments process at {@link #KILLS} random moments, each when a random share (10 to 90
     * per cent) of the requests has been answered, and a random fraction of a second later; returns
     * once each has started again. The clients keep sending until the last kill: without that, the
     * requests left after one restart could all be answered before a later kill's moment was seen.
     */
    private int killAtRandomMoments(ChorusPlatform platform, CompletableFuture<Void> done) {
        List<Integer> moments = ThreadLocalRandom.current().ints(KILLS, REQUESTS / 10, REQUESTS * 9 / 10).sorted().boxed().toList();
        int kills = 0;
        try {
            for (int moment : moments) {
                while (answered.get() < moment && !done.isDone()) {
                    Pause.millis(20);
                }
                if (done.isDone()) {
                    break; // only when the clients failed: they send until every kill has happened
                }
                Pause.millis(ThreadLocalRandom.current().nextLong(500));
                platform.crash("payments");
                kills++;
            }
        } finally {
            killsDone = true;
        }
        return kills;
    }

    /** What the payments database shows: counts, and a line for each thing found. */
    private static final class Found {
        int doubled;
        int lost;
        int unbalanced;
        final List<String> details = new ArrayList<>();

        void doubled(long count, String what) {
            doubled += (int) count;
            details.add("double: " + what);
        }

        void lost(long count, String what) {
            lost += (int) count;
            details.add("lost: " + what);
        }

        void unbalanced(String what) {
            unbalanced++;
            details.add("unbalanced: " + what);
        }
    }

    /** A stored claim, as the checks need it: what approving it put in the member's owed account, and what is paid of it. */
    private record StoredClaim(String member, String description, String state, long owed, long paid) {
    }

    /** What this suite's commission stored, read at the end. */
    private record Stored(Map<UUID, StoredClaim> claims, Map<UUID, Set<String>> approvals, Map<String, Long> postings,
                          Map<String, Long> paidFromOwed, Map<UUID, String> payouts, long paidOut, long vouchers, long vouchersGiven,
                          long stockPence) {
    }

    private Found check(PostgresEndpoint postgres, List<String> issuedCodes) throws SQLException {
        Found found = new Found();
        if (twoAnswers.get() > 0) {
            found.doubled(twoAnswers.get(), twoAnswers.get() + " requests sent twice were answered two ways");
        }
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("payments"), postgres.user(), postgres.password());
             Statement sql = db.createStatement()) {
            String schema = "commission_" + commission.replace('-', '_');
            Stored stored = read(sql, schema);
            doubles(found, stored, issuedCodes);
            losses(found, stored);
            balances(found, sql, schema, stored);
        }
        return found;
    }

    private static Stored read(Statement sql, String schema) throws SQLException {
        Map<UUID, StoredClaim> claims = new HashMap<>();
        try (ResultSet rows = sql.executeQuery("SELECT id, member_id, description, state, coalesce(owed_pence, 0), paid_pence FROM "
                + schema + ".claim")) {
            while (rows.next()) {
                claims.put(rows.getObject(1, UUID.class),
                        new StoredClaim(rows.getString(2), rows.getString(3), rows.getString(4), rows.getLong(5), rows.getLong(6)));
            }
        }
        Map<UUID, Set<String>> approvals = new HashMap<>();
        try (ResultSet rows = sql.executeQuery("SELECT claim_id, approver FROM " + schema + ".claim_approval WHERE set_aside_time IS NULL")) {
            while (rows.next()) {
                approvals.computeIfAbsent(rows.getObject(1, UUID.class), id -> new HashSet<>()).add(rows.getString(2));
            }
        }
        Map<UUID, String> payouts = new HashMap<>();
        try (ResultSet rows = sql.executeQuery("SELECT p.id, p.state || ' with ' || count(*) FILTER (WHERE i.state <> 'PAID') || ' not paid'"
                + " FROM " + schema + ".payout p JOIN " + schema + ".payout_item i ON i.payout_id = p.id GROUP BY p.id, p.state")) {
            while (rows.next()) {
                payouts.put(rows.getObject(1, UUID.class), rows.getString(2));
            }
        }
        Map<String, Long> postings = sums(sql, "SELECT reference, count(*) FROM " + schema
                + ".ledger_transfer WHERE kind = 'CLAIM_APPROVED' GROUP BY reference");
        Map<String, Long> paidFromOwed = sums(sql, "SELECT reference, sum(amount) FROM " + schema
                + ".ledger_transfer WHERE debit_account LIKE 'owed:%' GROUP BY reference");
        try (ResultSet rows = sql.executeQuery("SELECT (SELECT coalesce(sum(amount_pence), 0) FROM " + schema + ".payout_item WHERE state = 'PAID'),"
                + " count(*), count(claim_id), coalesce(sum(value_pence) FILTER (WHERE claim_id IS NULL), 0) FROM " + schema + ".voucher")) {
            rows.next();
            return new Stored(claims, approvals, postings, paidFromOwed, payouts, rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4));
        }
    }

    /** A query's rows as text → number. */
    private static Map<String, Long> sums(Statement sql, String query) throws SQLException {
        Map<String, Long> sums = new HashMap<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                sums.put(rows.getString(1), rows.getLong(2));
            }
        }
        return sums;
    }

    private void doubles(Found found, Stored stored, List<String> issuedCodes) {
        Set<String> acknowledgedClaims = new HashSet<>();
        acknowledged.stream().filter(a -> a.what().equals("claim")).forEach(a -> acknowledgedClaims.add(DESCRIPTION + a.requestId()));
        Map<String, Integer> perRequest = new HashMap<>();
        stored.claims().values().forEach(claim -> perRequest.merge(claim.description(), 1, Integer::sum));
        perRequest.forEach((description, count) -> {
            if (count > 1) {
                found.doubled(count - 1, count + " claims for one request: " + description);
            }
            if (!acknowledgedClaims.contains(description)) {
                found.doubled(count, "a claim no acknowledged request made, which its member would claim again: " + description);
            }
        });
        stored.approvals().forEach((claim, approvers) -> {
            if (approvers.size() > 2) {
                found.doubled(approvers.size() - 2, approvers.size() + " approvals of claim " + claim);
            }
        });
        stored.postings().forEach((claim, count) -> {
            if (count > 1) {
                found.doubled(count - 1, count + " ledger transfers posting " + claim);
            }
        });
        stored.claims().forEach((id, claim) -> {
            long paid = stored.paidFromOwed().getOrDefault(name(id), 0L);
            if (paid > claim.owed()) {
                found.doubled(1, name(id) + " was owed " + claim.owed() + " pence and the ledger paid " + paid);
            }
        });
        Set<String> distinct = new HashSet<>(issuedCodes);
        if (distinct.size() < issuedCodes.size()) {
            found.doubled(issuedCodes.size() - distinct.size(), (issuedCodes.size() - distinct.size()) + " voucher codes given more than once");
        }
        distinct.removeAll(loadedCodes);
        if (!distinct.isEmpty()) {
            found.doubled(distinct.size(), distinct.size() + " voucher codes given that no acknowledged load sent");
        }
        if (stored.vouchersGiven() != issuedCodes.size()) {
            found.doubled(Math.abs(stored.vouchersGiven() - issuedCodes.size()), stored.vouchersGiven() + " vouchers stored as given, "
                    + issuedCodes.size() + " given as the member reads them");
        }
        if (stored.vouchers() > loadedCodes.size()) {
            found.doubled(stored.vouchers() - loadedCodes.size(), stored.vouchers() + " vouchers stored, " + loadedCodes.size() + " loaded");
        }
    }

    private void losses(Found found, Stored stored) {
        for (Acknowledged ack : acknowledged) {
            StoredClaim claim = stored.claims().get(ack.thing());
            String what = ack.what() + " request " + ack.requestId();
            switch (ack.what()) {
                case "claim" -> {
                    if (claim == null || !claim.member().equals(ack.person()) || !claim.description().equals(DESCRIPTION + ack.requestId())) {
                        found.lost(1, what + " was answered with " + name(ack.thing()) + ", stored as " + claim);
                    }
                }
                case "approval" -> {
                    if (!stored.approvals().getOrDefault(ack.thing(), Set.of()).contains(ack.person())) {
                        found.lost(1, what + " of " + name(ack.thing()) + " is not recorded");
                    } else if (ack.second() && (claim == null || !Set.of("APPROVED", "PAID").contains(claim.state())
                            || !stored.postings().containsKey(name(ack.thing())))) {
                        found.lost(1, what + " of " + name(ack.thing()) + " left it " + claim + ", posted "
                                + stored.postings().getOrDefault(name(ack.thing()), 0L) + " times");
                    }
                }
                case "payout" -> {
                    if (!stored.payouts().containsKey(ack.thing())) {
                        found.lost(1, what + " made payout " + ack.thing() + ", not stored");
                    }
                }
                case "paid" -> {
                    if (!"DONE with 0 not paid".equals(stored.payouts().get(ack.thing()))) {
                        found.lost(1, what + " marked payout " + ack.thing() + " paid, stored as " + stored.payouts().get(ack.thing()));
                    }
                }
                default -> { }
            }
        }
        if (stored.vouchers() < loadedCodes.size()) {
            found.lost(loadedCodes.size() - stored.vouchers(), loadedCodes.size() + " vouchers loaded, " + stored.vouchers() + " stored");
        }
    }

    /**
     * Every commission's accounts sum to zero per unit, each transfer's accounts are of its unit, and
     * what each account says was posted to it (debits and credits) is what its transfers posted.
     * In this suite's commission each account holds what the claims, payouts and vouchers say: each
     * member is owed what approving their claims put there less what was paid of them; paid out is
     * what payouts paid; the vouchers account is the stock; the budget paid for every approved claim
     * and every voucher bought, and got back what the vouchers given settled (so it is down by the
     * claims and the stock).
     */
    private void balances(Found found, Statement sql, String schema, Stored stored) throws SQLException {
        Map<String, Long> expected = new HashMap<>();
        stored.claims().values().forEach(claim -> {
            expected.merge("owed:" + claim.member(), claim.owed() - claim.paid(), Long::sum);
            expected.merge("budget", -claim.owed(), Long::sum);
        });
        expected.merge("budget", -stored.stockPence(), Long::sum);
        expected.put("paid_out", stored.paidOut());
        expected.put("vouchers", stored.stockPence());
        expected.values().removeIf(balance -> balance == 0);
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
            List<String> wrong = new ArrayList<>();
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
            // What each account says was posted to it, against its transfers.
            String debited = "coalesce(sum(-moves.change) FILTER (WHERE moves.change < 0), 0)";
            String credited = "coalesce(sum(moves.change) FILTER (WHERE moves.change > 0), 0)";
            try (ResultSet rows = sql.executeQuery("SELECT a.id, a.debits_posted, a.credits_posted, " + debited + ", " + credited
                    + " FROM " + each + ".ledger_account a LEFT JOIN " + moves + " ON moves.account = a.id"
                    + " GROUP BY a.id, a.debits_posted, a.credits_posted"
                    + " HAVING a.debits_posted <> " + debited + " OR a.credits_posted <> " + credited)) {
                while (rows.next()) {
                    wrong.add("account " + rows.getString(1) + " says " + rows.getLong(2) + " debited and " + rows.getLong(3)
                            + " credited, its transfers " + rows.getLong(4) + " and " + rows.getLong(5));
                }
            }
            try (ResultSet rows = sql.executeQuery("SELECT unit FROM " + each + ".ledger_account GROUP BY unit"
                    + " HAVING sum(debits_posted) <> sum(credits_posted)")) {
                while (rows.next()) {
                    wrong.add("its accounts' " + rows.getString(1) + " debits and credits posted differ");
                }
            }
            if (each.equals(schema)) {
                Map<String, Long> balances = sums(sql, "SELECT account, sum(change) FROM " + moves + " GROUP BY account HAVING sum(change) <> 0");
                if (!balances.equals(expected)) {
                    wrong.add("its balances " + balances + " are not what its claims, payouts and vouchers say: " + expected);
                }
            }
            if (!wrong.isEmpty()) {
                found.unbalanced(each + ": " + String.join("; ", wrong));
            }
        }
    }

    private String name(UUID claim) {
        return "commissions/" + commission + "/claims/" + claim;
    }

    private String memberName(String person) {
        return "commissions/" + commission + "/members/" + subject(person);
    }

    private static UUID idOf(String name) {
        return UUID.fromString(name.substring(name.lastIndexOf('/') + 1));
    }

    private String token(String person) {
        return tokens.of(person);
    }

    private String subject(String person) {
        return subjects.computeIfAbsent(person, who -> BenefitsGuidanceIT.subject(token(who)));
    }
}
