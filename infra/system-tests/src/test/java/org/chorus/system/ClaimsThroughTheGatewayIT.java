package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.launcher.PostgresEndpoint;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Paying a member for their time, through the gateway as the people involved would: a facilitator
 * records a member's attendance, the payments service makes the claim from the commissions feed at
 * the real Living Wage, two different people approve it and the ledger owes the member the amount;
 * the member gives their bank details, finance makes the payout and its file for the bank, the bank
 * pays, finance marks it paid and the money leaves the member's owed account; the ledger balances,
 * and the member reads the plain reason at each step.
 */
class ClaimsThroughTheGatewayIT {

    /** A new commission (its id starting with {@code prefix}) where dev facilitates, fin does finance and sam is a member. */
    private static String commissionWithDevFinAndSam(GatewayClient gateway, String amara, String prefix, String displayName) {
        String commission = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        String at = "/v1/commissions/" + commission;
        ok(gateway.post("/v1/commissions?commissionId=" + commission, amara, "{\"displayName\": \"" + displayName + "\"}"));
        for (String grant : new String[] {"dev FACILITATOR", "fin FINANCE", "sam MEMBER"}) {
            String[] personAndRole = grant.split(" ");
            ok(gateway.post(at + "/roleGrants", amara, "{\"person\": \"" + personAndRole[0] + "\", \"role\": \"" + personAndRole[1] + "\"}"));
        }
        return commission;
    }

    @Test
    void attendanceBecomesAClaimThatTwoPeopleApproveAndThatIsPaidByBankTransfer() throws Exception {
        ChorusPlatform platform = RunningPlatform.get();
        GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
        RealKeycloak keycloak = RealKeycloak.get();
        String amara = keycloak.passwordToken("amara", "demo-password");
        String commission = commissionWithDevFinAndSam(gateway, amara, "claims", "Claims Poverty Truth Commission");
        String at = "/v1/commissions/" + commission;
        String dev = keycloak.passwordToken("dev", "demo-password");
        String fin = keycloak.passwordToken("fin", "demo-password");
        String sam = keycloak.passwordToken("sam", "demo-password");
        String samId = BenefitsGuidanceIT.subject(sam);

        Instant held = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
        String session = ok(gateway.post(at + "/sessions", dev, """
                {"title": "What the council's letters should say", "startTime": "%s", "endTime": "%s",
                 "location": {"place": "The library"},
                 "accessibility": {"stepFreeAccess": true, "hearingLoop": true, "quietRoom": true, "interpreter": {"kind": "NONE"},
                                   "childcareProvided": true, "travelPaid": true, "foodProvided": true}}"""
                .formatted(held, held.plus(Duration.ofHours(3))))).path("name").asString();
        ok(gateway.post("/v1/" + session + "/attendance/" + samId + ":record", dev, "{\"attended\": true, \"minutes\": 180}"));
        // The claim is made from the attendance in the background, before or after the choice: either way, once the
        // choice is recorded it waits for its approvals, not for the choice.
        JsonNode preview = ok(gateway.post(at + "/benefitsGuidance:preview", sam,
                "{\"situation\": {\"benefits\": [{\"kind\": \"UNIVERSAL_CREDIT\"}]}, \"plan\": " + BenefitsGuidanceIT.PLAN + "}"));
        ok(BenefitsGuidanceIT.recordChoice(gateway, sam, "/v1/commissions/" + commission + "/members/" + samId, "BANK_TRANSFER", preview));

        JsonNode claim = awaitTheClaim(gateway, at, sam);
        assertThat(claim.path("amount").path("units").asLong()).as("three hours at £13.45").isEqualTo(40);
        assertThat(claim.path("amount").path("nanos").asLong()).isEqualTo(350_000_000L);
        assertThat(claim.path("stateReason").asString()).isEqualTo("Waiting for two people to approve it.");
        String name = claim.path("name").asString();

        JsonNode once = ok(gateway.post("/v1/" + name + ":approve", fin,
                "{\"etag\": " + claim.path("etag") + ", \"requestId\": \"" + UUID.randomUUID() + "\"}"));
        assertThat(ok(gateway.get("/v1/" + name, sam)).path("stateReason").asString()).isEqualTo("Waiting for a second approval.");
        ok(gateway.post("/v1/" + name + ":approve", amara, "{\"etag\": " + once.path("etag") + ", \"requestId\": \"" + UUID.randomUUID() + "\"}"));

        assertThat(ok(gateway.get("/v1/" + name, sam)).path("stateReason").asString()).isEqualTo("Approved, and waiting to be paid.");
        assertThat(balance(platform.postgres(), commission, "owed:" + samId)).isEqualTo(4035);

        JsonNode bank = ok(gateway.patch(at + "/members/" + samId + "/bankDetails", sam,
                "{\"accountName\": \"Sam Okafor\", \"sortCode\": \"20-00-00\", \"accountNumber\": \"55779911\"}"));
        assertThat(bank.path("masked").asString()).isEqualTo("account ending 11");
        assertThat(bank.has("accountNumber")).as("never shown again").isFalse();
        JsonNode payout = ok(gateway.post(at + "/payouts?requestId=" + UUID.randomUUID(), fin, "{\"method\": \"BANK_TRANSFER\"}"));
        assertThat(payout.path("state").asString()).isEqualTo("SENT_TO_BANK");
        String file = new String(Base64.getDecoder().decode(ok(gateway.get("/v1/" + payout.path("name").asString() + ":file", fin))
                .path("content").asString()), StandardCharsets.US_ASCII);
        assertThat(file).isEqualTo("Name,Sort code,Account number,Amount,Reference\r\n"
                + "SAM OKAFOR,200000,55779911,40.35,CHORUS " + name.substring(name.lastIndexOf('/') + 1, name.lastIndexOf('/') + 9)
                .toUpperCase(Locale.ROOT) + "\r\n");
        assertThat(gateway.get("/v1/" + payout.path("name").asString() + ":file", sam).status()).as("the file is for finance").isEqualTo(403);
        ok(gateway.post("/v1/" + payout.path("name").asString() + ":markPaid", fin,
                "{\"etag\": " + payout.path("etag") + ", \"requestId\": \"" + UUID.randomUUID() + "\"}"));

        assertThat(ok(gateway.get("/v1/" + name, sam)).path("stateReason").asString())
                .isEqualTo("Paid on " + LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK))
                        + " by bank transfer.");
        assertThat(balance(platform.postgres(), commission, "owed:" + samId)).isZero();
        assertThat(balance(platform.postgres(), commission, "paid_out")).isEqualTo(4035);
        assertThat(balance(platform.postgres(), commission, "budget")).isEqualTo(-4035);
    }

    @Test
    void aClaimApprovedByMistakeIsCancelledAndACorrectedAttendanceWithdrawsAClaim() throws Exception {
        ChorusPlatform platform = RunningPlatform.get();
        GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
        RealKeycloak keycloak = RealKeycloak.get();
        String amara = keycloak.passwordToken("amara", "demo-password");
        String commission = commissionWithDevFinAndSam(gateway, amara, "reversals", "Reversals Poverty Truth Commission");
        String at = "/v1/commissions/" + commission;
        String dev = keycloak.passwordToken("dev", "demo-password");
        String fin = keycloak.passwordToken("fin", "demo-password");
        String sam = keycloak.passwordToken("sam", "demo-password");
        String samId = BenefitsGuidanceIT.subject(sam);
        JsonNode preview = ok(gateway.post(at + "/benefitsGuidance:preview", sam,
                "{\"situation\": {\"benefits\": [{\"kind\": \"UNIVERSAL_CREDIT\"}]}, \"plan\": " + BenefitsGuidanceIT.PLAN + "}"));
        ok(BenefitsGuidanceIT.recordChoice(gateway, sam, "/v1/commissions/" + commission + "/members/" + samId, "BANK_TRANSFER", preview));

        String first = session(gateway, at, dev, Duration.ofDays(3));
        ok(gateway.post("/v1/" + first + "/attendance/" + samId + ":record", dev, "{\"attended\": true, \"minutes\": 120}"));
        JsonNode claim = awaitClaims(gateway, at, sam, 1).get(0);
        JsonNode once = ok(gateway.post("/v1/" + claim.path("name").asString() + ":approve", fin,
                "{\"etag\": " + claim.path("etag") + ", \"requestId\": \"" + UUID.randomUUID() + "\"}"));
        JsonNode approved = ok(gateway.post("/v1/" + claim.path("name").asString() + ":approve", amara,
                "{\"etag\": " + once.path("etag") + ", \"requestId\": \"" + UUID.randomUUID() + "\"}"));
        assertThat(balance(platform.postgres(), commission, "owed:" + samId)).isEqualTo(2690);

        String reverse = "{\"reason\": \"The session was paid for by the council already.\", \"etag\": " + approved.path("etag")
                + ", \"requestId\": \"" + UUID.randomUUID() + "\"}";
        JsonNode reversed = ok(gateway.post("/v1/" + claim.path("name").asString() + ":reverse", fin, reverse));

        assertThat(reversed.path("state").asString()).isEqualTo("REVERSED");
        assertThat(ok(gateway.get("/v1/" + claim.path("name").asString(), sam)).path("stateReason").asString())
                .isEqualTo("This payment was cancelled: The session was paid for by the council already.");
        assertThat(balance(platform.postgres(), commission, "owed:" + samId)).isZero();
        assertThat(balance(platform.postgres(), commission, "budget")).as("the budget has the money back").isZero();
        assertThat(ok(gateway.post("/v1/" + claim.path("name").asString() + ":reverse", fin, reverse))).as("a retry gets the first answer")
                .isEqualTo(reversed);
        GatewayClient.Response again = gateway.post("/v1/" + claim.path("name").asString() + ":reverse", amara,
                "{\"reason\": \"Once more.\", \"etag\": " + reversed.path("etag") + ", \"requestId\": \"" + UUID.randomUUID() + "\"}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().path("reason").asString()).isEqualTo("CLAIM_ALREADY_REVERSED");
        assertThat(gateway.post("/v1/" + claim.path("name").asString() + ":reverse", sam, reverse).status())
                .as("a member does not cancel").isEqualTo(403);

        String second = session(gateway, at, dev, Duration.ofDays(2));
        ok(gateway.post("/v1/" + second + "/attendance/" + samId + ":record", dev, "{\"attended\": true, \"minutes\": 60}"));
        JsonNode secondClaim = awaitClaims(gateway, at, sam, 2).get(1);
        ok(gateway.post("/v1/" + second + "/attendance/" + samId + ":record", dev, "{\"attended\": false, \"minutes\": 0}"));

        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode seen = secondClaim;
        while (!seen.path("state").asString().equals("WITHDRAWN") && System.nanoTime() < until) {
            Thread.sleep(2_000);
            seen = ok(gateway.get("/v1/" + secondClaim.path("name").asString(), sam));
        }
        assertThat(seen.path("stateReason").asString()).isEqualTo("Withdrawn: The attendance for this session was corrected.");
        assertThat(balance(platform.postgres(), commission, "budget")).isZero();
    }

    private static String session(GatewayClient gateway, String at, String dev, Duration ago) {
        Instant held = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(ago);
        return ok(gateway.post(at + "/sessions", dev, """
                {"title": "What the council's letters should say", "startTime": "%s", "endTime": "%s",
                 "location": {"place": "The library"},
                 "accessibility": {"stepFreeAccess": true, "hearingLoop": true, "quietRoom": true, "interpreter": {"kind": "NONE"},
                                   "childcareProvided": true, "travelPaid": true, "foodProvided": true}}"""
                .formatted(held, held.plus(Duration.ofHours(3))))).path("name").asString();
    }

    /** The payments service reads the commissions feed every few seconds. */
    private static JsonNode awaitTheClaim(GatewayClient gateway, String at, String token) throws InterruptedException {
        return awaitClaims(gateway, at, token, 1).get(0);
    }

    /** Waits for {@code count} claims, made from attendance by the payments service, oldest first. */
    private static JsonNode awaitClaims(GatewayClient gateway, String at, String token, int count) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < until) {
            JsonNode claims = ok(gateway.get(at + "/claims", token)).path("claims");
            if (claims.size() >= count) {
                assertThat(claims.size()).as("one claim for each attendance").isEqualTo(count);
                return claims;
            }
            Thread.sleep(2_000);
        }
        throw new AssertionError("No claim was made from the attendance within 90 seconds");
    }

    /** An account's balance (credits minus debits), from the commission's transfers. */
    private static long balance(PostgresEndpoint postgres, String commission, String account) throws Exception {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("payments"), postgres.user(), postgres.password());
             PreparedStatement query = db.prepareStatement("SELECT coalesce(sum(CASE WHEN credit_account = ? THEN amount ELSE -amount END), 0) "
                     + "FROM commission_" + commission.replace('-', '_') + ".ledger_transfer WHERE ? IN (credit_account, debit_account)")) {
            query.setString(1, account);
            query.setString(2, account);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static JsonNode ok(GatewayClient.Response response) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body();
    }
}
