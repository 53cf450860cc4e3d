package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/**
 * Sessions and attendance through the gateway's JSON API, as a client sees them, in the demo
 * commission {@code leeds}: dev facilitates it, sam is a member, priya is a member of salford only.
 * Each test works in its own stretch of past days, so tests (and reruns on the same platform) do not
 * see each other's sessions.
 */
class CommissionGatheringsIT {

    static final String LEEDS = "/v1/commissions/leeds";
    static GatewayClient gateway;
    static String coordinator;
    static String facilitator;
    static String member;
    static String salfordMember;
    static String finance;

    @BeforeAll
    static void platform() {
        gateway = new GatewayClient(RunningPlatform.get().gatewayUrl());
        coordinator = RealKeycloak.get().passwordToken("amara", "demo-password");
        facilitator = RealKeycloak.get().passwordToken("dev", "demo-password");
        member = RealKeycloak.get().passwordToken("sam", "demo-password");
        salfordMember = RealKeycloak.get().passwordToken("priya", "demo-password");
        var leeds = gateway.post("/v1/commissions?commissionId=leeds", coordinator, "{\"displayName\": \"Leeds Poverty Truth Commission\"}");
        assertThat(leeds.status()).isIn(200, 409);
        // Membership says who is in leeds: fin (finance there) is someone attendance can be recorded for.
        var fin = gateway.post("/v1/commissions/leeds/roleGrants", coordinator, "{\"person\": \"fin\", \"role\": \"FINANCE\"}");
        assertThat(fin.status()).as(fin.body().toString()).isIn(200, 409);
        finance = RealKeycloak.get().passwordToken("fin", "demo-password");
    }

    @Test
    void aFacilitatorCreatesASessionMembersRecordAttendanceAndListByDate() {
        Instant day = someDayInThePast();
        var created = gateway.post(LEEDS + "/sessions", facilitator, sessionJson("Getting to know each other", day, day.plus(Duration.ofHours(3))));
        assertThat(created.status()).isEqualTo(200);
        String name = created.body().path("name").asString();
        assertThat(name).startsWith("commissions/leeds/sessions/s-");
        assertThat(created.body().path("state").asString()).isEqualTo("SCHEDULED");
        assertThat(created.body().path("accessibility").path("interpreter").path("kind").asString()).isEqualTo("BSL");
        assertThat(created.body().path("accessibility").path("stepFreeAccess").asBoolean()).isTrue();
        assertThat(created.body().path("location").path("place").asString()).isEqualTo("St George's Centre, Leeds");

        String sam = subject(member);
        var own = gateway.post("/v1/" + name + "/attendance/" + sam + ":record", member, "{\"attended\": true, \"minutes\": 200}");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().path("recordedBy").asString()).isEqualTo(sam);
        assertThat(own.body().path("recordedOnBehalf").asBoolean()).isFalse();
        assertThat(own.body().path("minutes").asInt()).isEqualTo(200);

        var onBehalf = gateway.post("/v1/" + name + "/attendance/" + subject(finance) + ":record", facilitator,
                "{\"attended\": true, \"minutes\": 180}");
        assertThat(onBehalf.status()).as(onBehalf.body().toString()).isEqualTo(200);
        assertThat(onBehalf.body().path("recordedOnBehalf").asBoolean()).isTrue();
        assertThat(onBehalf.body().path("recordedBy").asString()).isEqualTo(subject(facilitator));

        // Nobody in the commission has this id: membership holds no role for it.
        var notInCommission = gateway.post("/v1/" + name + "/attendance/person-without-a-phone:record", facilitator,
                "{\"attended\": true, \"minutes\": 180}");
        assertThat(notInCommission.status()).isEqualTo(400);
        assertThat(notInCommission.body().path("reason").asString()).isEqualTo("NOT_IN_COMMISSION");

        var tooLong = gateway.post("/v1/" + name + "/attendance/" + sam + ":record", member, "{\"attended\": true, \"minutes\": 301}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.contentType()).startsWith("application/problem+json");
        assertThat(tooLong.body().path("reason").asString()).isEqualTo("TOO_MANY_MINUTES");

        var forSomeoneElse = gateway.post("/v1/" + name + "/attendance/person-without-a-phone:record", member,
                "{\"attended\": false, \"minutes\": 0}");
        assertThat(forSomeoneElse.status()).isEqualTo(403);

        gateway.post(LEEDS + "/sessions", facilitator, sessionJson("The week before", day.minus(Duration.ofDays(7)),
                day.minus(Duration.ofDays(7)).plus(Duration.ofHours(2))));
        var listed = gateway.get(LEEDS + "/sessions?startTime=" + day.minus(Duration.ofDays(1)) + "&endTime="
                + day.plus(Duration.ofDays(1)) + "&pageSize=10", member);
        assertThat(listed.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        listed.body().path("sessions").forEach(s -> names.add(s.path("name").asString()));
        assertThat(names).containsExactly(name);

        var attendance = gateway.get("/v1/" + name + "/attendance", facilitator);
        assertThat(attendance.status()).isEqualTo(200);
        assertThat(attendance.body().path("attendances")).hasSize(2);
        assertThat(gateway.get("/v1/" + name + "/attendance", member).body().path("attendances")).hasSize(1);
    }

    @Test
    void someoneFromAnotherCommissionCannotSeeOrTouchLeedsSessions() {
        Instant day = someDayInThePast();
        String name = gateway.post(LEEDS + "/sessions", facilitator, sessionJson("Leeds only", day, day.plus(Duration.ofHours(2))))
                .body().path("name").asString();

        assertThat(gateway.get(LEEDS + "/sessions", salfordMember).status()).isEqualTo(403);
        assertThat(gateway.get("/v1/" + name, salfordMember).status()).isEqualTo(403);
        assertThat(gateway.post(LEEDS + "/sessions", salfordMember, sessionJson("Mine", day, day.plus(Duration.ofHours(1)))).status())
                .isEqualTo(403);
        assertThat(gateway.post("/v1/" + name + "/attendance/" + subject(salfordMember) + ":record", salfordMember,
                "{\"attended\": true, \"minutes\": 60}").status()).isEqualTo(403);
        assertThat(gateway.post("/v1/" + name + ":cancel", member, "{\"reason\": \"I can't come.\"}").status()).isEqualTo(403);
    }

    @Test
    void badSessionsAreRefusedInPlainWordsAndAStaleEtagConflicts() {
        Instant day = someDayInThePast();
        var backwards = gateway.post(LEEDS + "/sessions", facilitator, sessionJson("Backwards", day, day.minus(Duration.ofHours(1))));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.contentType()).startsWith("application/problem+json");
        assertThat(backwards.body().path("fieldViolations").get(0).path("field").asString()).isEqualTo("session.end_time");
        assertThat(backwards.body().path("fieldViolations").get(0).path("description").asString())
                .isEqualTo("The session must end after it starts. Check the start and end times.");

        String requestId = UUID.randomUUID().toString();
        var first = gateway.post(LEEDS + "/sessions?requestId=" + requestId, facilitator, sessionJson("Once", day, day.plus(Duration.ofHours(1))));
        var retry = gateway.post(LEEDS + "/sessions?requestId=" + requestId, facilitator, sessionJson("Once", day, day.plus(Duration.ofHours(1))));
        var reused = gateway.post(LEEDS + "/sessions?requestId=" + requestId, facilitator, sessionJson("Twice", day, day.plus(Duration.ofHours(1))));
        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.body().path("name").asString()).isEqualTo(first.body().path("name").asString());
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.body().path("reason").asString()).isEqualTo("REQUEST_ID_REUSED");

        String name = first.body().path("name").asString();
        String etag = first.body().path("etag").asString();
        var cancelled = gateway.post("/v1/" + name + ":cancel", facilitator,
                "{\"reason\": \"The venue flooded.\", \"etag\": " + new ObjectMapper().writeValueAsString(etag) + "}");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().path("state").asString()).isEqualTo("CANCELLED");
        var stale = gateway.post("/v1/" + name + ":cancel", facilitator,
                "{\"reason\": \"Again.\", \"etag\": " + new ObjectMapper().writeValueAsString(etag) + "}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().path("reason").asString()).isEqualTo("STALE_ETAG");
    }

    /** A whole day, some years back, that no other test uses. */
    private static Instant someDayInThePast() {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(400 + ThreadLocalRandom.current().nextInt(20_000)))
                .plus(Duration.ofHours(10));
    }

    private static String sessionJson(String title, Instant start, Instant end) {
        return """
                {"title": "%s", "startTime": "%s", "endTime": "%s",
                 "location": {"place": "St George's Centre, Leeds"},
                 "accessibility": {"stepFreeAccess": true, "hearingLoop": true, "quietRoom": true,
                                   "interpreter": {"kind": "BSL"}, "childcareProvided": true, "travelPaid": true,
                                   "foodProvided": true}}""".formatted(title, start, end);
    }

    /** The sign-in subject in a token: the member id, until membership exists. */
    private static String subject(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return new ObjectMapper().readTree(payload).path("sub").asString();
    }
}
