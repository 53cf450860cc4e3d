package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A commission's life through the gateway's JSON API, as a client sees it: phases, their history and
 * the scope statement. The demo people hold roles only in {@code leeds} and {@code salford}, so the
 * changes here are made by the coordinator on a commission of its own, and a leeds member is shown
 * that they cannot see it.
 */
class CommissionLifeIT {

    static GatewayClient gateway;
    static String baseUrl;
    static String coordinator;
    static String leedsMember;

    @BeforeAll
    static void platform() {
        baseUrl = RunningPlatform.get().gatewayUrl();
        gateway = new GatewayClient(baseUrl);
        coordinator = RealKeycloak.get().passwordToken("amara", "demo-password");
        leedsMember = RealKeycloak.get().passwordToken("sam", "demo-password");
    }

    @Test
    void aCommissionMovesThroughItsPhasesWithReasonsAndTheHistoryIsKept() {
        String id = openCommission("life");
        String model = "/v1/commissions/" + id + "/phaseModel";

        var start = gateway.get(model, coordinator);
        assertThat(start.status()).isEqualTo(200);
        assertThat(start.body().path("currentPhase").asString()).isEqualTo("Engagement");
        List<String> names = new ArrayList<>();
        start.body().path("phases").forEach(p -> names.add(p.path("displayName").asString()));
        assertThat(names).containsExactly("Engagement", "Exploration", "Experimentation", "Embedding");

        var moved = gateway.post(model + ":move", coordinator, """
                {"phase": "Exploration", "reason": "We have agreed our stories. Now we want others to hear them.",
                 "etag": %s}""".formatted(quoted(start.body().path("etag").asString())));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.body().path("name").asString()).isEqualTo("commissions/" + id + "/phaseTransitions/1");
        assertThat(moved.body().path("direction").asString()).isEqualTo("FORWARD");

        var skipped = gateway.post(model + ":move", coordinator, "{\"phase\": \"Embedding\", \"reason\": \"Hurry up.\"}");
        assertThat(skipped.status()).isEqualTo(400);
        assertThat(skipped.contentType()).startsWith("application/problem+json");
        assertThat(skipped.body().path("reason").asString()).isEqualTo("PHASE_SKIPPED");

        var stale = gateway.post(model + ":move", coordinator, """
                {"phase": "Experimentation", "reason": "Ready.", "etag": %s}""".formatted(quoted(start.body().path("etag").asString())));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().path("reason").asString()).isEqualTo("STALE_ETAG");

        var history = gateway.get("/v1/commissions/" + id + "/phaseTransitions", coordinator);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body().path("phaseTransitions")).hasSize(1);
        assertThat(history.body().path("phaseTransitions").get(0).path("reason").asString())
                .isEqualTo("We have agreed our stories. Now we want others to hear them.");
        assertThat(gateway.get(model, coordinator).body().path("currentPhase").asString()).isEqualTo("Exploration");
    }

    @Test
    void theScopeStatementIsChangedWithAMaskAndEveryVersionIsKept() {
        String id = openCommission("scope");
        String statement = "/v1/commissions/" + id + "/scopeStatement";

        var first = patch(statement + "?updateMask=openToCoProduction,notOpenToCoProduction", coordinator, """
                {"openToCoProduction": "How people are welcomed at the advice centre.",
                 "notOpenToCoProduction": "The council's budget for next year."}""");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("revisionId").asString()).isEqualTo("1");

        var second = patch(statement + "?updateMask=reasons", coordinator, """
                {"reasons": "The budget is set by the full council in February.", "etag": %s}"""
                .formatted(quoted(first.body().path("etag").asString())));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().path("openToCoProduction").asString()).isEqualTo("How people are welcomed at the advice centre.");

        var tooLong = patch(statement + "?updateMask=reasons", coordinator, "{\"reasons\": \"" + "x".repeat(4001) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().path("fieldViolations").get(0).path("field").asString()).isEqualTo("scope_statement.reasons");

        var revisions = gateway.get(statement + ":listRevisions", coordinator);
        assertThat(revisions.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        revisions.body().path("scopeStatements").forEach(s -> names.add(s.path("name").asString()));
        assertThat(names).containsExactly("commissions/" + id + "/scopeStatement@2", "commissions/" + id + "/scopeStatement@1");
    }

    @Test
    void aMemberOfAnotherCommissionCannotSeeOrChangeIt() {
        String id = openCommission("private");

        assertThat(gateway.get("/v1/commissions/" + id + "/phaseModel", leedsMember).status()).isEqualTo(403);
        assertThat(gateway.get("/v1/commissions/" + id + "/scopeStatement", leedsMember).status()).isEqualTo(403);
        assertThat(gateway.post("/v1/commissions/" + id + "/phaseModel:move", leedsMember,
                "{\"phase\": \"Exploration\", \"reason\": \"Let me in.\"}").status()).isEqualTo(403);
        assertThat(patch("/v1/commissions/" + id + "/scopeStatement?updateMask=reasons", leedsMember,
                "{\"reasons\": \"Mine now.\"}").status()).isEqualTo(403);
        assertThat(gateway.get("/v1/commissions/" + id + "/phaseModel", coordinator).body().path("currentPhase").asString())
                .isEqualTo("Engagement");
    }

    private static String openCommission(String prefix) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        var created = gateway.post("/v1/commissions?commissionId=" + id, coordinator, "{\"displayName\": \"Commission " + id + "\"}");
        assertThat(created.status()).isEqualTo(200);
        return id;
    }

    private static String quoted(String text) {
        return new ObjectMapper().writeValueAsString(text);
    }

    /** PATCH, which {@link GatewayClient} does not offer yet. */
    private static GatewayClient.Response patch(String path, String token, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? new ObjectMapper().nullNode() : new ObjectMapper().readTree(response.body());
            return new GatewayClient.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
