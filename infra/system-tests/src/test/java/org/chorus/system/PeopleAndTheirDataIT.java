package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.launcher.PostgresEndpoint;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A person with no email address or phone, through the gateway as a facilitator would: added to a new
 * commission, their attendance and their payment choice recorded for them (with their agreement), their
 * consent and access needs saved; everything Chorus holds about them exported (each service that holds
 * some says so); then erased. Afterwards their name is nowhere: not through the API, not in any table of
 * any service (it was only ever stored sealed, and now the key is gone), while the commission's hours and
 * the payment choice (method, amount) are unchanged. Prints
 * {@code erasure-check: services=N names_left=L totals_changed=T}.
 */
class PeopleAndTheirDataIT {

    private static final String NAME = "Rosalind Quennell-Abara";

    @Test
    void aPersonWithNoEmailIsHelpedThroughTheirDataAndErasedEverywhereWhileTheCountsStay() throws Exception {
        ChorusPlatform platform = RunningPlatform.get();
        GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
        RealKeycloak keycloak = RealKeycloak.get();
        String amara = keycloak.passwordToken("amara", "demo-password");
        String commission = "people-" + UUID.randomUUID().toString().substring(0, 6);
        String at = "/v1/commissions/" + commission;
        ok(gateway.post("/v1/commissions?commissionId=" + commission, amara, "{\"displayName\": \"People Poverty Truth Commission\"}"));
        ok(gateway.post(at + "/roleGrants", amara, "{\"person\": \"dev\", \"role\": \"FACILITATOR\"}"));
        ok(gateway.post(at + "/roleGrants", amara, "{\"person\": \"fin\", \"role\": \"FINANCE\"}"));
        String dev = keycloak.passwordToken("dev", "demo-password");
        String fin = keycloak.passwordToken("fin", "demo-password");

        JsonNode added = ok(gateway.post(at + "/members", dev,
                "{\"displayName\": \"" + NAME + "\", \"kind\": \"EXPERT_BY_EXPERIENCE\", \"credit\": \"FULL_NAME\"}"));
        assertThat(added.path("state").asString()).isEqualTo("ACTIVE");
        assertThat(added.path("account").asString("")).as("no account, no email, no phone").isEmpty();
        String member = added.path("name").asString();
        String memberId = member.substring(member.lastIndexOf('/') + 1);

        Instant held = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3));
        String session = ok(gateway.post(at + "/sessions", dev, """
                {"title": "Talking about the cost of school uniforms", "startTime": "%s", "endTime": "%s",
                 "location": {"place": "The library"},
                 "accessibility": {"stepFreeAccess": true, "hearingLoop": true, "quietRoom": true, "interpreter": {"kind": "NONE"},
                                   "childcareProvided": true, "travelPaid": true, "foodProvided": true}}""".formatted(held, held.plus(Duration.ofHours(3))))).path("name").asString();
        JsonNode attended = ok(gateway.post("/v1/" + session + "/attendance/" + memberId + ":record", dev,
                "{\"attended\": true, \"minutes\": 150}"));
        assertThat(attended.path("recordedOnBehalf").asBoolean()).isTrue();

        JsonNode preview = ok(gateway.post(at + "/benefitsGuidance:preview", dev,
                "{\"situation\": {\"benefits\": [{\"kind\": \"UNIVERSAL_CREDIT\"}]}, \"plan\": " + BenefitsGuidanceIT.PLAN + "}"));
        var unagreed = BenefitsGuidanceIT.recordChoice(gateway, dev, "/v1/" + member, "VOUCHERS", preview);
        assertThat(unagreed.status()).as("for someone else, only with their agreement").isEqualTo(400);
        assertThat(unagreed.body().path("reason").asString()).isEqualTo("MEMBER_AGREEMENT_NEEDED");
        JsonNode choice = ok(gateway.post("/v1/" + member + "/paymentChoices?memberAgreed=true&requestId=" + UUID.randomUUID(), dev, """
                {"method": "VOUCHERS", "reason": "Vouchers are safest for my Universal Credit.", "plan": %s, "rulesVersions": %s,
                 "guidanceFingerprint": "%s"}""".formatted(BenefitsGuidanceIT.PLAN, preview.path("rulesVersions"),
                preview.path("guidanceFingerprint").asString())));
        assertThat(choice.path("onBehalf").asBoolean()).isTrue();
        ok(gateway.post("/v1/" + member + "/consents:record", dev,
                "{\"purpose\": \"NAMED_IN_REPORTS\", \"given\": true, \"wordingVersion\": 1, \"memberAgreed\": true}"));
        ok(CommissionAgreementsIT.patchAt(platform.gatewayUrl(), "/v1/" + member + "/accessNeeds?memberAgreed=true", dev,
                "{\"stepFreeAccess\": true, \"other\": \"A chair with arms\"}"));

        JsonNode export = ok(gateway.get("/v1/" + member + ":exportData", dev));
        List<String> services = new ArrayList<>();
        export.path("held").forEach(part -> services.add(part.path("service").asString()));
        assertThat(services).as("every service that holds something about them").containsExactly("membership", "commissions", "payments");
        assertThat(export.path("document").asString()).contains(NAME, "Talking about the cost of school uniforms", "VOUCHERS",
                "A chair with arms");
        int hoursBefore = minutes(gateway, session, dev);
        JsonNode choiceBefore = ok(gateway.get("/v1/" + choice.path("name").asString(), fin));

        JsonNode erased = ok(gateway.post("/v1/" + member + ":erase", dev, "{\"memberAgreed\": true}"));

        assertThat(erased.path("state").asString()).isEqualTo("ERASED");
        List<String> namesLeft = new ArrayList<>();
        JsonNode seen = ok(gateway.get("/v1/" + member, dev));
        if (seen.toString().contains("Quennell")) {
            namesLeft.add("the member record, through the API");
        }
        var exportAfter = gateway.get("/v1/" + member + ":exportData", dev);
        assertThat(exportAfter.status()).isEqualTo(400);
        assertThat(exportAfter.body().path("reason").asString()).isEqualTo("MEMBER_ERASED");
        assertThat(tablesNaming(platform.postgres(), "cost of school uniforms")).as("the scan finds what is kept in clear").isNotEmpty();
        namesLeft.addAll(tablesNaming(platform.postgres(), "Quennell"));
        namesLeft.addAll(tablesNaming(platform.postgres(), "A chair with arms"));
        List<String> keysLeft = new ArrayList<>();
        for (String service : List.of("membership", "commissions", "payments")) {
            if (count(platform.postgres(), service, "SELECT count(*) FROM commission_" + commission.replace('-', '_')
                    + ".person_key WHERE person = '" + memberId + "'") != 0) {
                keysLeft.add(service);
            }
        }
        List<String> totalsChanged = new ArrayList<>();
        if (minutes(gateway, session, dev) != hoursBefore) {
            totalsChanged.add("the session's hours");
        }
        JsonNode choiceAfter = ok(gateway.get("/v1/" + choice.path("name").asString(), fin));
        if (!choiceAfter.path("method").equals(choiceBefore.path("method"))
                || !choiceAfter.path("createTime").equals(choiceBefore.path("createTime"))) {
            totalsChanged.add("the payment choice");
        }
        assertThat(choiceAfter.path("reason").asString("")).as("their own words are gone").isEmpty();

        System.out.println("erasure-check: services=" + services.size() + " names_left=" + namesLeft.size() + " totals_changed="
                + totalsChanged.size());
        assertThat(namesLeft).isEmpty();
        assertThat(keysLeft).as("each service destroyed its key for them").isEmpty();
        assertThat(totalsChanged).isEmpty();
        assertThat(hoursBefore).isEqualTo(150);
    }

    @Test
    void withdrawingConsentToKeepBenefitsDetailsDeletesThemInPaymentsAtOnce() {
        ChorusPlatform platform = RunningPlatform.get();
        GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
        RealKeycloak keycloak = RealKeycloak.get();
        String amara = keycloak.passwordToken("amara", "demo-password");
        String commission = "consent-" + UUID.randomUUID().toString().substring(0, 6);
        String at = "/v1/commissions/" + commission;
        ok(gateway.post("/v1/commissions?commissionId=" + commission, amara, "{\"displayName\": \"Consent Poverty Truth Commission\"}"));
        ok(gateway.post(at + "/roleGrants", amara, "{\"person\": \"dev\", \"role\": \"FACILITATOR\"}"));
        ok(gateway.post(at + "/roleGrants", amara, "{\"person\": \"sam\", \"role\": \"MEMBER\"}"));
        String dev = keycloak.passwordToken("dev", "demo-password");
        String sam = keycloak.passwordToken("sam", "demo-password");
        String member = ok(gateway.post(at + "/members", dev, "{\"displayName\": \"Sam Okafor\", \"kind\": \"EXPERT_BY_EXPERIENCE\", "
                + "\"account\": \"" + BenefitsGuidanceIT.subject(sam) + "\"}")).path("name").asString();
        ok(CommissionAgreementsIT.patchAt(platform.gatewayUrl(), "/v1/" + member + "/benefitsSituation", sam,
                "{\"benefits\": [{\"kind\": \"UNIVERSAL_CREDIT\"}], \"london\": false}"));
        ok(gateway.get("/v1/" + member + "/benefitsSituation", sam));

        ok(gateway.post("/v1/" + member + "/consents:record", sam,
                "{\"purpose\": \"KEEPING_BENEFITS_DETAILS\", \"given\": false, \"wordingVersion\": 1}"));

        var after = gateway.get("/v1/" + member + "/benefitsSituation", sam);
        assertThat(after.status()).as("deleted in payments as the withdrawal was recorded: " + after.body()).isEqualTo(404);
    }

    private static int minutes(GatewayClient gateway, String session, String token) {
        int total = 0;
        for (JsonNode a : ok(gateway.get("/v1/" + session + "/attendance", token)).path("attendances")) {
            total += a.path("minutes").asInt();
        }
        return total;
    }

    /** Every table of every service that holds {@code text} anywhere in a row, in clear. */
    private static List<String> tablesNaming(PostgresEndpoint postgres, String text) throws Exception {
        List<String> found = new ArrayList<>();
        for (String service : ChorusPlatform.SERVICES) {
            try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(service), postgres.user(), postgres.password());
                 Statement statement = db.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("""
                        SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c
                        JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')""")) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table + " t WHERE t::text ILIKE '%"
                            + text.replace("'", "''") + "%'")) {
                        rows.next();
                        if (rows.getInt(1) > 0) {
                            found.add(service + " " + table);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static int count(PostgresEndpoint postgres, String database, String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
             Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static JsonNode ok(GatewayClient.Response response) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body();
    }
}
