package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.launcher.PostgresEndpoint;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Paying a member for their time, through the gateway as the people involved would: a facilitator
 * records a member's attendance, the payments service makes the claim from the commissions feed at
 * the real Living Wage, two different people approve it, and the ledger owes the member the amount;
 * the member reads the plain reason at each step. (Payouts come next.)
 */
class ClaimsThroughTheGatewayIT {

    @Test
    void attendanceBecomesAClaimThatTwoPeopleApproveAndTheLedgerOwesTheMember() throws Exception {
        ChorusPlatform platform = RunningPlatform.get();
        GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
        RealKeycloak keycloak = RealKeycloak.get();
        String amara = keycloak.passwordToken("amara", "demo-password");
        String commission = "claims-" + UUID.randomUUID().toString().substring(0, 6);
        String at = "/v1/commissions/" + commission;
        ok(gateway.post("/v1/commissions?commissionId=" + commission, amara, "{\"displayName\": \"Claims Poverty Truth Commission\"}"));
        for (String grant : new String[] {"dev FACILITATOR", "fin FINANCE", "sam MEMBER"}) {
            String[] personAndRole = grant.split(" ");
            ok(gateway.post(at + "/roleGrants", amara, "{\"person\": \"" + personAndRole[0] + "\", \"role\": \"" + personAndRole[1] + "\"}"));
        }
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
        assertThat(owed(platform.postgres(), commission, samId)).isEqualTo(4035);
    }

    /** The payments service reads the commissions feed every few seconds. */
    private static JsonNode awaitTheClaim(GatewayClient gateway, String at, String token) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < until) {
            JsonNode claims = ok(gateway.get(at + "/claims", token)).path("claims");
            if (!claims.isEmpty()) {
                assertThat(claims.size()).as("one claim for one attendance").isEqualTo(1);
                return claims.get(0);
            }
            Thread.sleep(2_000);
        }
        throw new AssertionError("No claim was made from the attendance within 90 seconds");
    }

    private static long owed(PostgresEndpoint postgres, String commission, String member) throws Exception {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("payments"), postgres.user(), postgres.password());
             PreparedStatement query = db.prepareStatement("SELECT coalesce(sum(amount), 0) FROM commission_" + commission.replace('-', '_')
                     + ".ledger_transfer WHERE credit_account = ?")) {
            query.setString(1, "owed:" + member);
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
