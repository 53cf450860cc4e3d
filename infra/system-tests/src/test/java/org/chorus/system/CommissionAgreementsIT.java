package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Ground rules, practical decisions, invitations with replies, and attendance only for people in
 * the commission, through the gateway's JSON API. Who is in a commission is the real membership
 * service's answer: sam is given the member role in leeds through membership here; priya holds a
 * role only in salford. Each run works in its own commission, so reruns on the same platform do not
 * see each other's records.
 */
class CommissionAgreementsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static GatewayClient gateway;
    static String gatewayUrl;
    static String coordinator;
    static String facilitator;
    static String member;
    static String salfordMember;
    static String commission;

    @BeforeAll
    static void platform() {
        gatewayUrl = RunningPlatform.get().gatewayUrl();
        gateway = new GatewayClient(gatewayUrl);
        coordinator = RealKeycloak.get().passwordToken("amara", "demo-password");
        member = RealKeycloak.get().passwordToken("sam", "demo-password");
        salfordMember = RealKeycloak.get().passwordToken("priya", "demo-password");
        commission = "/v1/commissions/agreements-" + UUID.randomUUID().toString().substring(0, 6);
        String id = commission.substring("/v1/commissions/".length());
        var opened = gateway.post("/v1/commissions?commissionId=" + id, coordinator, "{\"displayName\": \"Agreements Poverty Truth Commission\"}");
        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(200);
        // Membership is the truth of who is in the commission; Keycloak mirrors it into the next tokens.
        for (String[] grant : List.of(new String[] {"dev", "FACILITATOR"}, new String[] {"sam", "MEMBER"})) {
            var granted = gateway.post(commission + "/roleGrants", coordinator,
                    "{\"person\": \"" + grant[0] + "\", \"role\": \"" + grant[1] + "\"}");
            assertThat(granted.status()).as(granted.body().toString()).isEqualTo(200);
        }
        facilitator = RealKeycloak.get().passwordToken("dev", "demo-password");
        member = RealKeycloak.get().passwordToken("sam", "demo-password");
    }

    @Test
    void groundRulesAreVersionedWithTheDayAndHowTheyWereAgreedAndAStaleEtagConflicts() {
        var empty = gateway.get(commission + "/groundRules", member);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body().path("revisionId").asString()).isEqualTo("0");

        var first = patch(commission + "/groundRules", facilitator, """
                {"rules": ["What is said in the room stays in the room", "Everyone gets a turn, and nobody has to take it"],
                 "agreedOn": %s, "howAgreed": "We went round the circle and everyone said yes.", "etag": %s}"""
                .formatted(date(LocalDate.now(ZoneOffset.UTC).minusDays(2)), JSON.writeValueAsString(empty.body().path("etag").asString())));
        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(first.body().path("rules")).hasSize(2);
        assertThat(first.body().path("revisionId").asString()).isEqualTo("1");

        var second = patch(commission + "/groundRules?updateMask=rules,agreedOn,howAgreed", facilitator, """
                {"rules": ["What is said in the room stays in the room", "Everyone gets a turn, and nobody has to take it",
                           "Phones on quiet"], "agreedOn": %s, "howAgreed": "Added at the second session, by a show of hands."}"""
                .formatted(date(LocalDate.now(ZoneOffset.UTC))));
        assertThat(second.status()).as(second.body().toString()).isEqualTo(200);
        var stale = patch(commission + "/groundRules", facilitator, """
                {"rules": ["Be kind"], "agreedOn": %s, "howAgreed": "Agreed.", "etag": %s}"""
                .formatted(date(LocalDate.now(ZoneOffset.UTC)), JSON.writeValueAsString(first.body().path("etag").asString())));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().path("reason").asString()).isEqualTo("STALE_ETAG");

        var revisions = gateway.get(commission + "/groundRules:listRevisions", member);
        assertThat(revisions.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        revisions.body().path("groundRules").forEach(r -> names.add(r.path("name").asString()));
        assertThat(names).containsExactly(commission.substring(4) + "/groundRules@2", commission.substring(4) + "/groundRules@1");

        var withoutTheDay = patch(commission + "/groundRules", facilitator, "{\"rules\": [\"Be kind\"]}");
        assertThat(withoutTheDay.status()).isEqualTo(400);
        assertThat(withoutTheDay.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        withoutTheDay.body().path("fieldViolations").forEach(v -> fields.add(v.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("ground_rules.agreed_on", "ground_rules.how_agreed");
        assertThat(patch(commission + "/groundRules", member, "{\"howAgreed\": \"By me.\"}").status()).isEqualTo(403);
        assertThat(gateway.get(commission + "/groundRules", salfordMember).status()).isEqualTo(403);
    }

    @Test
    void practicalDecisionsAreRecordedListedByTopicAndChangedSafely() {
        String requestId = UUID.randomUUID().toString();
        String body = decisionJson("LONE_WORKING", "Nobody visits on their own", "Home visits for the commission are done in pairs.");
        var lone = gateway.post(commission + "/practicalDecisions?requestId=" + requestId, facilitator, body);
        assertThat(lone.status()).as(lone.body().toString()).isEqualTo(200);
        assertThat(lone.body().path("topic").asString()).isEqualTo("LONE_WORKING");
        var retry = gateway.post(commission + "/practicalDecisions?requestId=" + requestId, facilitator, body);
        assertThat(retry.body().path("name").asString()).isEqualTo(lone.body().path("name").asString());
        var reused = gateway.post(commission + "/practicalDecisions?requestId=" + requestId, facilitator,
                decisionJson("RISK", "Something else", "Something else."));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.body().path("reason").asString()).isEqualTo("REQUEST_ID_REUSED");

        var safe = gateway.post(commission + "/practicalDecisions", facilitator,
                decisionJson("SAFEGUARDING", "Who to talk to if you are worried", "Talk to Dev, or to the safeguarding lead."));
        assertThat(safe.status()).isEqualTo(200);
        var onlySafeguarding = gateway.get(commission + "/practicalDecisions?topic=SAFEGUARDING", member);
        assertThat(onlySafeguarding.status()).isEqualTo(200);
        assertThat(onlySafeguarding.body().path("practicalDecisions")).hasSize(1);
        assertThat(onlySafeguarding.body().path("practicalDecisions").get(0).path("name").asString())
                .isEqualTo(safe.body().path("name").asString());
        var firstPage = gateway.get(commission + "/practicalDecisions?pageSize=1", member);
        assertThat(firstPage.body().path("practicalDecisions")).hasSize(1);
        assertThat(firstPage.body().path("nextPageToken").asString()).isNotEmpty();

        String name = lone.body().path("name").asString();
        var changed = patch("/v1/" + name + "?updateMask=decision", facilitator, """
                {"decision": "Home visits are done in pairs, and we text the group when we are home.", "etag": %s}"""
                .formatted(JSON.writeValueAsString(lone.body().path("etag").asString())));
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
        assertThat(changed.body().path("revisionId").asString()).isEqualTo("2");
        var stale = patch("/v1/" + name + "?updateMask=title", facilitator, """
                {"title": "Old etag", "etag": %s}""".formatted(JSON.writeValueAsString(lone.body().path("etag").asString())));
        assertThat(stale.status()).isEqualTo(409);

        var tooLong = gateway.post(commission + "/practicalDecisions", facilitator, decisionJson("ETHICS", "t".repeat(201), "Fine."));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().path("fieldViolations").get(0).path("field").asString()).isEqualTo("practical_decision.title");
        assertThat(tooLong.body().path("fieldViolations").get(0).path("description").asString())
                .isEqualTo("The decision in a few words must be 200 characters or fewer.");
        assertThat(gateway.get("/v1/" + commission.substring(4) + "/practicalDecisions/Not Valid".replace(" ", "%20"), member).status())
                .isEqualTo(400);
        assertThat(gateway.post(commission + "/practicalDecisions", member, decisionJson("RISK", "Mine", "Mine.")).status()).isEqualTo(403);
    }

    @Test
    void facilitatorsInvitePeopleInTheCommissionWhoReplyOrAreRepliedForAndOthersAreRefused() {
        Instant start = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS);
        var session = gateway.post(commission + "/sessions", facilitator, sessionJson("Tea and talk", start, start.plus(Duration.ofHours(2))));
        assertThat(session.status()).as(session.body().toString()).isEqualTo(200);
        String name = session.body().path("name").asString();
        String sam = subject(member);

        String requestId = UUID.randomUUID().toString();
        var invited = gateway.post("/v1/" + name + "/invitations?requestId=" + requestId, facilitator, "{\"member\": \"" + sam + "\"}");
        assertThat(invited.status()).as(invited.body().toString()).isEqualTo(200);
        assertThat(invited.body().path("reply").asString()).isEqualTo("NO_REPLY_YET");
        assertThat(gateway.post("/v1/" + name + "/invitations?requestId=" + requestId, facilitator, "{\"member\": \"" + sam + "\"}")
                .body().path("name").asString()).isEqualTo(invited.body().path("name").asString());
        var again = gateway.post("/v1/" + name + "/invitations", facilitator, "{\"member\": \"" + sam + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("reason").asString()).isEqualTo("ALREADY_INVITED");

        var notInCommission = gateway.post("/v1/" + name + "/invitations", facilitator, "{\"member\": \"" + subject(salfordMember) + "\"}");
        assertThat(notInCommission.status()).isEqualTo(400);
        assertThat(notInCommission.body().path("reason").asString()).isEqualTo("NOT_IN_COMMISSION");
        assertThat(notInCommission.body().path("detail").asString()).contains("does not hold a role in this commission");

        var replied = gateway.post("/v1/" + invited.body().path("name").asString() + ":reply", member, "{\"reply\": \"COMING\"}");
        assertThat(replied.status()).as(replied.body().toString()).isEqualTo(200);
        assertThat(replied.body().path("repliedBy").asString()).isEqualTo(sam);
        assertThat(replied.body().path("repliedOnBehalf").asBoolean()).isFalse();
        var forSam = gateway.post("/v1/" + invited.body().path("name").asString() + ":reply", facilitator, """
                {"reply": "NOT_SURE_YET", "etag": %s}""".formatted(JSON.writeValueAsString(replied.body().path("etag").asString())));
        assertThat(forSam.status()).isEqualTo(200);
        assertThat(forSam.body().path("repliedOnBehalf").asBoolean()).isTrue();
        assertThat(forSam.body().path("repliedBy").asString()).isEqualTo(subject(facilitator));

        var notInvited = gateway.post("/v1/" + name + "/invitations/" + subject(coordinator) + ":reply", coordinator, "{\"reply\": \"COMING\"}");
        assertThat(notInvited.status()).isEqualTo(404);
        assertThat(notInvited.body().path("reason").asString()).isEqualTo("NO_INVITATION");

        var listed = gateway.get("/v1/" + name + "/invitations", facilitator);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().path("invitations")).hasSize(1);
        assertThat(listed.body().path("invitations").get(0).path("reply").asString()).isEqualTo("NOT_SURE_YET");
        assertThat(gateway.get("/v1/" + name + "/invitations", salfordMember).status()).isEqualTo(403);
    }

    @Test
    void attendanceIsRecordedOnBehalfOnlyOfPeopleMembershipSaysAreInTheCommission() {
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(400 + ThreadLocalRandom.current().nextInt(20_000)))
                .plus(Duration.ofHours(10));
        var session = gateway.post(commission + "/sessions", facilitator, sessionJson("Looking back", day, day.plus(Duration.ofHours(3))));
        String name = session.body().path("name").asString();

        var forSam = gateway.post("/v1/" + name + "/attendance/" + subject(member) + ":record", facilitator, "{\"attended\": true, \"minutes\": 180}");
        assertThat(forSam.status()).as(forSam.body().toString()).isEqualTo(200);
        assertThat(forSam.body().path("recordedOnBehalf").asBoolean()).isTrue();

        var forSomeoneOutside = gateway.post("/v1/" + name + "/attendance/" + subject(salfordMember) + ":record", facilitator,
                "{\"attended\": true, \"minutes\": 180}");
        assertThat(forSomeoneOutside.status()).isEqualTo(400);
        assertThat(forSomeoneOutside.body().path("reason").asString()).isEqualTo("NOT_IN_COMMISSION");
        var forAnUnknownId = gateway.post("/v1/" + name + "/attendance/person-nobody-knows:record", facilitator,
                "{\"attended\": true, \"minutes\": 60}");
        assertThat(forAnUnknownId.status()).isEqualTo(400);
        assertThat(forAnUnknownId.body().path("reason").asString()).isEqualTo("NOT_IN_COMMISSION");
        assertThat(gateway.get("/v1/" + name + "/attendance", facilitator).body().path("attendances")).hasSize(1);
    }

    private static String decisionJson(String topic, String title, String decision) {
        return """
                {"topic": "%s", "title": "%s", "decision": "%s", "agreedBy": "Everyone at the session",
                 "agreedOn": %s}""".formatted(topic, title, decision, date(LocalDate.now(ZoneOffset.UTC).minusDays(1)));
    }

    private static String date(LocalDate day) {
        return "{\"year\": %d, \"month\": %d, \"day\": %d}".formatted(day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }

    private static String sessionJson(String title, Instant start, Instant end) {
        return """
                {"title": "%s", "startTime": "%s", "endTime": "%s",
                 "location": {"place": "St George's Centre"},
                 "accessibility": {"stepFreeAccess": true, "hearingLoop": true, "quietRoom": true,
                                   "interpreter": {"kind": "NONE"}, "childcareProvided": true, "travelPaid": true,
                                   "foodProvided": true}}""".formatted(title, start, end);
    }

    static GatewayClient.Response patch(String path, String token, String json) {
        return patchAt(gatewayUrl, path, token, json);
    }

    /** A PATCH through the gateway. */
    static GatewayClient.Response patchAt(String gatewayUrl, String path, String token, String json) {
        return new GatewayClient(gatewayUrl).patch(path, token, json);
    }

    /** The sign-in subject in a token. */
    static String subject(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JSON.readTree(payload).path("sub").asString();
    }
}
