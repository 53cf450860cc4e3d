package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.launcher.DemoNetwork;
import org.chorus.launcher.PlatformConfig;
import org.chorus.launcher.ProjectRoot;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What {@code ./chorus up} shows a newcomer: the demo network loads on a fresh platform (a
 * PostgreSQL of its own, so no other test's data is there) and has two commissions in different
 * phases, with everything the commissions service keeps.
 */
class DemoNetworkIT {

    @Test
    void theDemoNetworkLoadsOnAFreshPlatformWithTwoCommissionsInDifferentPhases() throws IOException {
        Path state = Files.createTempDirectory("chorus-demo-state");
        PlatformConfig config = PlatformConfig.forTests(ProjectRoot.find()).withExternalKeycloak(RealKeycloak.get().endpoint());
        try (ChorusPlatform platform = ChorusPlatform.start(config)) {
            assertThat(new DemoNetwork(platform.keycloak(), platform.gatewayUrl(), state, System.out).loadOnce())
                    .as("every step of demo-network.json succeeds (see the warning above if not)").isTrue();
            GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
            String amara = RealKeycloak.get().passwordToken("amara", DemoNetwork.DEMO_PASSWORD);

            assertThat(field(gateway.get("/v1/commissions/leeds/phaseModel", amara), "currentPhase")).isEqualTo("Engagement");
            assertThat(field(gateway.get("/v1/commissions/salford/phaseModel", amara), "currentPhase")).isEqualTo("Exploration");
            for (String commission : List.of("leeds", "salford")) {
                String at = "/v1/commissions/" + commission;
                assertThat(field(gateway.get(at + "/scopeStatement", amara), "openToCoProduction")).as(commission).isNotBlank();
                assertThat(list(gateway.get(at + "/groundRules", amara), "rules")).as(commission).isNotEmpty();
                assertThat(list(gateway.get(at + "/practicalDecisions", amara), "practicalDecisions")).as(commission).isNotEmpty();
                assertThat(list(gateway.get(at + "/sessions", amara), "sessions")).as(commission).isNotEmpty();
            }
            assertThat(values(list(gateway.get("/v1/commissions/salford/experiments", amara), "experiments"), "status"))
                    .as("failing is part of the process: a stopped experiment is kept and shown").contains("EMBEDDED", "STOPPED");
            assertThat(values(list(gateway.get("/v1/commissions/leeds/focusIssues", amara), "focusIssues"), "state")).contains("CHOSEN");
            assertThat(list(gateway.get("/v1/commissions/salford/groundRules:listRevisions", amara), "groundRules"))
                    .as("Salford's ground rules changed once: both versions are kept").hasSizeGreaterThanOrEqualTo(2);

            List<String> attended = new ArrayList<>();
            List<String> replies = new ArrayList<>();
            for (JsonNode session : list(gateway.get("/v1/commissions/leeds/sessions", amara), "sessions")) {
                String name = session.path("name").asString();
                attended.addAll(values(list(gateway.get("/v1/" + name + "/attendance", amara), "attendances"), "member"));
                replies.addAll(values(list(gateway.get("/v1/" + name + "/invitations", amara), "invitations"), "reply"));
            }
            assertThat(attended).as("attendance recorded at Leeds's past session").isNotEmpty();
            assertThat(replies).as("sam's reply to the coming session").contains("COMING");

            String dev = RealKeycloak.get().passwordToken("dev", DemoNetwork.DEMO_PASSWORD);
            List<JsonNode> people = list(gateway.get("/v1/commissions/leeds/members", dev), "members");
            assertThat(values(people, "account")).as("someone without an account (no email, no phone)").contains("");
            assertThat(values(people, "credit")).as("varied credit choices").contains("FIRST_NAME", "CHOSEN_NAME");
            assertThat(people).as("a member who paused and came back").anySatisfy(person -> assertThat(
                    values(list(person), "change")).containsSubsequence("PAUSE", "RESUME"));

            String fin = RealKeycloak.get().passwordToken("fin", DemoNetwork.DEMO_PASSWORD);
            List<JsonNode> claims = new ArrayList<>();
            List<JsonNode> payouts = new ArrayList<>();
            for (String commission : List.of("leeds", "salford")) {
                claims.addAll(list(gateway.get("/v1/commissions/" + commission + "/claims?pageSize=100", fin), "claims"));
                payouts.addAll(list(gateway.get("/v1/commissions/" + commission + "/payouts", fin), "payouts"));
            }
            assertThat(values(claims, "state")).as("claims in every state on the way to being paid")
                    .contains("WAITING_FOR_A_CHOICE", "SUBMITTED", "APPROVED", "PAID", "REJECTED", "REVERSED");
            assertThat(values(claims, "stateReason")).as("one payout of each kind, each told in plain words")
                    .anySatisfy(reason -> assertThat(reason).endsWith(" by bank transfer."))
                    .anySatisfy(reason -> assertThat(reason).endsWith(" in vouchers."))
                    .anySatisfy(reason -> assertThat(reason).startsWith("Given as time credits on "))
                    .anySatisfy(reason -> assertThat(reason).endsWith(", as you chose."))
                    .contains("Waiting for a second approval.", "Waiting for two people to approve it.");
            assertThat(values(payouts, "method")).containsExactlyInAnyOrder("BANK_TRANSFER", "VOUCHERS");
            assertThat(values(payouts, "state")).containsOnly("DONE");

            theDemoShowsInTheImpactAndDashboardsReadOnlyAggregates(gateway, amara);

            assertThat(new DemoNetwork(platform.keycloak(), platform.gatewayUrl(), state, System.out).loadOnce())
                    .as("a second start finds the demo there").isTrue();
            List<JsonNode> claimsAgain = new ArrayList<>();
            for (String commission : List.of("leeds", "salford")) {
                claimsAgain.addAll(list(gateway.get("/v1/commissions/" + commission + "/claims?pageSize=100", fin), "claims"));
            }
            assertThat(claimsAgain).as("and loads nothing twice").hasSameSizeAs(claims);
        }
    }

    /**
     * Reporting reads every feed on its own schedule: the demo's sessions and its approved outcome show in Leeds's
     * impact and the network's; a dashboard reads those figures and its CSV, the same as the API, and never the raw feeds.
     */
    private static void theDemoShowsInTheImpactAndDashboardsReadOnlyAggregates(GatewayClient gateway, String amara) {
        String year = Integer.toString(java.time.Year.now(java.time.ZoneOffset.UTC).getValue());
        String leeds = "/v1/commissions/leeds/impact?period=" + year;
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
        JsonNode impact = gateway.get(leeds, amara).body();
        while (!(figure(impact, "OUTCOMES_APPROVED").equals("1") && !figure(impact, "SESSIONS_HELD").equals("0"))
                && System.nanoTime() < deadline) {
            sleep();
            impact = gateway.get(leeds, amara).body();
        }
        assertThat(figure(impact, "OUTCOMES_APPROVED")).as(impact.toString()).isEqualTo("1");
        assertThat(Long.parseLong(figure(impact, "SESSIONS_HELD"))).isPositive();
        assertThat(impact.path("outcomes").path(0).path("title").asString()).isEqualTo("Bus fares to appointments are paid");
        assertThat(impact.path("outcomes").size()).isEqualTo(1);
        assertThat(impact.path("summary").path(0).asString()).as("in plain words").contains("session");

        String dashboard = RealKeycloak.get().clientCredentialsToken("chorus-dashboard", "chorus-dashboard-dev-secret");
        JsonNode network = gateway.get("/v1/network/impact?period=" + year, dashboard).body();
        assertThat(Long.parseLong(figure(network, "SESSIONS_HELD"))).as(network.toString())
                .isGreaterThanOrEqualTo(Long.parseLong(figure(impact, "SESSIONS_HELD")));
        assertThat(figure(network, "PEOPLE_TAKING_PART")).as("the demo's few people are not shown").isEqualTo("not shown");
        assertThat(gateway.get("/v1/commissions/leeds/events:watch", dashboard).status()).as("the raw feed names people").isEqualTo(403);
        assertThat(gateway.get("/v1/commissions/leeds/paymentEvents:watch", dashboard).status()).isEqualTo(403);

        String leedsDashboard = RealKeycloak.get().clientCredentialsToken("chorus-dashboard-leeds", "chorus-dashboard-leeds-dev-secret");
        assertThat(gateway.get(leeds, leedsDashboard).status()).isEqualTo(200);
        assertThat(gateway.get("/v1/network/impact?period=" + year, leedsDashboard).status()).isEqualTo(403);
        assertThat(gateway.get("/v1/commissions/salford/impact?period=" + year, leedsDashboard).status()).isEqualTo(403);

        var export = gateway.get("/v1/commissions/leeds/impact:export?table=SESSIONS_HELD&year=" + year, leedsDashboard);
        assertThat(export.status()).as(export.body().toString()).isEqualTo(200);
        String csv = new String(java.util.Base64.getDecoder().decode(export.body().path("content").asString()),
                java.nio.charset.StandardCharsets.UTF_8);
        List<String> rows = List.of(csv.split("\r\n"));
        assertThat(rows.getFirst()).isEqualTo("Period,leeds");
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", 2);
            JsonNode same = gateway.get("/v1/commissions/leeds/impact?period=" + cells[0], leedsDashboard).body();
            assertThat(cells[1]).as(row).isEqualTo(figure(same, "SESSIONS_HELD"));
        }
    }

    private static String figure(JsonNode impact, String measure) {
        for (JsonNode figure : impact.path("figures")) {
            if (figure.path("measure").asString().equals(measure)) {
                return figure.path("text").asString();
            }
        }
        return "";
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static String field(GatewayClient.Response response, String field) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body().path(field).asString();
    }

    private static List<JsonNode> list(GatewayClient.Response response, String field) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.body().path(field).forEach(items::add);
        return items;
    }

    private static List<JsonNode> list(JsonNode person) {
        List<JsonNode> history = new ArrayList<>();
        person.path("history").forEach(history::add);
        return history;
    }

    private static List<String> values(List<JsonNode> items, String field) {
        return items.stream().map(item -> item.path(field).asString()).toList();
    }
}
