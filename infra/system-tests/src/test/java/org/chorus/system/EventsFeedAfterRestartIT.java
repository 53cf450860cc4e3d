package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every service's event feed (the platform's one feed) resumes exactly where a reader stopped after
 * the service restarts: the reader keeps the sequence of the last event it handled, the service
 * process is stopped gracefully and started again, more changes are made, and reading after the
 * cursor gives exactly the new events, in order, none lost and none repeated. Each event's payload
 * is typed: a message of the owning service's contract.
 */
class EventsFeedAfterRestartIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aReaderResumesFromItsCursorAfterTheCommissionsServiceRestarts() throws Exception {
        ChorusPlatform platform = RunningPlatform.get();
        GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
        String coordinator = RealKeycloak.get().passwordToken("amara", "demo-password");
        String id = "feed-" + UUID.randomUUID().toString().substring(0, 6);
        String commission = "/v1/commissions/" + id;
        assertThat(gateway.post("/v1/commissions?commissionId=" + id, coordinator, "{\"displayName\": \"Feed Poverty Truth Commission\"}")
                .status()).isEqualTo(200);

        // Changes before the restart, and a reader that has handled all of them.
        assertThat(CommissionAgreementsIT.patchAt(platform.gatewayUrl(), commission + "/scopeStatement", coordinator,
                "{\"openToCoProduction\": \"How the food bank's opening hours are chosen.\"}").status()).isEqualTo(200);
        assertThat(gateway.post(commission + "/practicalDecisions", coordinator, decision("RISK", "We meet in public places")).status())
                .isEqualTo(200);
        assertThat(CommissionAgreementsIT.patchAt(platform.gatewayUrl(), commission + "/groundRules", coordinator,
                "{\"rules\": [\"Listen first\"], \"agreedOn\": " + today() + ", \"howAgreed\": \"Everyone agreed at the first session.\"}")
                .status()).isEqualTo(200);
        List<JsonNode> before = watch(platform, commission + "/events", 0, coordinator);
        assertThat(before).extracting(e -> e.path("type").asString())
                .endsWith("scope_statement.updated", "practical_decision.recorded", "ground_rules.updated");
        JsonNode decided = before.get(before.size() - 2);
        assertThat(decided.path("typedPayload").path("@type").asString())
                .isEqualTo("type.googleapis.com/chorus.commissions.v1.PracticalDecisionWording");
        assertThat(decided.path("typedPayload").path("title").asString()).isEqualTo("We meet in public places");
        assertThat(decided.path("payload").path("title").asString()).as("the deprecated JSON payload says the same")
                .isEqualTo("We meet in public places");
        assertConsecutiveFrom(before, 1);
        long cursor = sequence(before.getLast());

        platform.restart("commissions");

        // Changes after the restart. The first call may find the gateway still reconnecting.
        GatewayClient.Response afterRestart = gateway.post(commission + "/practicalDecisions", coordinator,
                decision("LONE_WORKING", "Nobody visits on their own"));
        for (int tries = 0; afterRestart.status() == 503 && tries < 20; tries++) {
            Thread.sleep(500);
            afterRestart = gateway.post(commission + "/practicalDecisions", coordinator, decision("LONE_WORKING", "Nobody visits on their own"));
        }
        assertThat(afterRestart.status()).as(afterRestart.body().toString()).isEqualTo(200);
        assertThat(CommissionAgreementsIT.patchAt(platform.gatewayUrl(), commission + "/scopeStatement", coordinator,
                "{\"reasons\": \"The council sets the budget in February; the hours are ours to shape.\"}").status()).isEqualTo(200);

        List<JsonNode> resumed = watch(platform, commission + "/events", cursor, coordinator);
        assertThat(resumed).extracting(e -> e.path("type").asString())
                .containsExactly("practical_decision.recorded", "scope_statement.updated");
        assertThat(resumed).extracting(EventsFeedAfterRestartIT::sequence).containsExactly(cursor + 1, cursor + 2);
        assertThat(resumed.getFirst().path("resource").asString()).isEqualTo(afterRestart.body().path("name").asString());

        List<JsonNode> everything = watch(platform, commission + "/events", 0, coordinator);
        List<JsonNode> expected = new ArrayList<>(before);
        expected.addAll(resumed);
        assertThat(everything).isEqualTo(expected);
        assertConsecutiveFrom(everything, 1);
    }

    @Test
    void aReaderResumesFromItsCursorAfterThePaymentsServiceRestarts() throws Exception {
        ChorusPlatform platform = RunningPlatform.get();
        GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
        String coordinator = RealKeycloak.get().passwordToken("amara", "demo-password");
        assertThat(gateway.post("/v1/commissions?commissionId=leeds", coordinator,
                "{\"displayName\": \"Leeds Poverty Truth Commission\", \"place\": \"Leeds\"}").status()).isIn(200, 409);
        String sam = RealKeycloak.get().passwordToken("sam", "demo-password");
        String member = "/v1/commissions/leeds/members/" + BenefitsGuidanceIT.subject(sam);
        String feed = "/v1/commissions/leeds/paymentEvents";
        JsonNode preview = BenefitsGuidanceIT.preview(gateway, sam).body();

        var first = BenefitsGuidanceIT.recordChoice(gateway, sam, member, "VOUCHERS", preview);
        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        List<JsonNode> before = watch(platform, feed, 0, coordinator);
        assertConsecutiveFrom(before, 1);
        JsonNode recorded = before.getLast();
        assertThat(recorded.path("name").asString()).isEqualTo("commissions/leeds/paymentEvents/" + sequence(recorded));
        assertThat(recorded.path("type").asString()).isEqualTo("payment_choice.recorded");
        assertThat(recorded.path("resource").asString()).isEqualTo(first.body().path("name").asString());
        assertThat(recorded.path("payload").path("@type").asString())
                .isEqualTo("type.googleapis.com/chorus.payments.v1.PaymentChoiceRecorded");
        assertThat(recorded.path("payload").path("method").asString()).isEqualTo("VOUCHERS");
        assertThat(recorded.path("payload").toString()).as("never anything about benefits").doesNotContain("UNIVERSAL_CREDIT");
        long cursor = sequence(recorded);

        platform.restart("payments");

        GatewayClient.Response second = BenefitsGuidanceIT.recordChoice(gateway, sam, member, "TIME_CREDITS", preview);
        for (int tries = 0; second.status() == 503 && tries < 20; tries++) {
            Thread.sleep(500);
            second = BenefitsGuidanceIT.recordChoice(gateway, sam, member, "TIME_CREDITS", preview);
        }
        assertThat(second.status()).as(second.body().toString()).isEqualTo(200);

        List<JsonNode> resumed = watch(platform, feed, cursor, coordinator);
        assertThat(resumed).extracting(EventsFeedAfterRestartIT::sequence).containsExactly(cursor + 1);
        assertThat(resumed.getFirst().path("resource").asString()).isEqualTo(second.body().path("name").asString());
        assertThat(resumed.getFirst().path("payload").path("method").asString()).isEqualTo("TIME_CREDITS");

        String dashboard = RealKeycloak.get().clientCredentialsToken("chorus-dashboard", "chorus-dashboard-dev-secret");
        assertThat(watchStatus(platform, feed, dashboard)).as("a dashboard reads totals, never the payment feed").isEqualTo(403);
        assertThat(watchStatus(platform, feed, sam)).as("nor does a member").isEqualTo(403);
    }

    private static void assertConsecutiveFrom(List<JsonNode> events, long first) {
        for (int i = 0; i < events.size(); i++) {
            assertThat(sequence(events.get(i))).as("event %d of the feed", i).isEqualTo(first + i);
        }
    }

    private static long sequence(JsonNode event) {
        return Long.parseLong(event.path("sequence").asString());
    }

    private static String decision(String topic, String title) {
        return """
                {"topic": "%s", "title": "%s", "decision": "%s, agreed by the whole group.", "agreedBy": "The whole group",
                 "agreedOn": %s}""".formatted(topic, title, title, today());
    }

    private static String today() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        return "{\"year\": %d, \"month\": %d, \"day\": %d}".formatted(day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }

    /** Reads a feed ({@code /v1/commissions/leeds/events}) after {@code afterSequence} through the gateway, one JSON event per line. */
    private static List<JsonNode> watch(ChorusPlatform platform, String feed, long afterSequence, String token) {
        HttpResponse<String> response = get(platform, feed + ":watch?afterSequence=" + afterSequence, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> events = response.body().lines().filter(line -> !line.isBlank()).map(JSON::readTree).toList();
        assertThat(events).noneMatch(event -> event.has("error"));
        return events;
    }

    private static int watchStatus(ChorusPlatform platform, String feed, String token) {
        return get(platform, feed + ":watch", token).statusCode();
    }

    private static HttpResponse<String> get(ChorusPlatform platform, String path, String token) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
