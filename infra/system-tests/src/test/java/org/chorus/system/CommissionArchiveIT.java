package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The registry through the gateway's JSON API on the real platform: a commission hosted by member
 * organisations that the real membership service knows, and a commission archived by a
 * coordinator, kept readable but closed to change. Each test opens commissions of its own.
 */
class CommissionArchiveIT {

    static GatewayClient gateway;
    static String coordinator;
    static String leedsMember;

    @BeforeAll
    static void platform() {
        gateway = new GatewayClient(RunningPlatform.get().gatewayUrl());
        coordinator = RealKeycloak.get().passwordToken("amara", "demo-password");
        leedsMember = RealKeycloak.get().passwordToken("sam", "demo-password");
    }

    @Test
    void aCommissionIsHostedByMemberOrganisationsThatMembershipKnows() {
        String organisation = uniqueId("food-bank");
        var joined = gateway.post("/v1/organizations?organizationId=" + organisation, coordinator, """
                {"displayName": "Food bank (test)", "emailDomains": ["%s.example"]}""".formatted(organisation));
        assertThat(joined.status()).as(joined.body().toString()).isEqualTo(200);

        String id = uniqueId("hosted");
        var created = gateway.post("/v1/commissions?commissionId=" + id, coordinator, """
                {"displayName": "A hosted commission", "hostOrganizations": ["organizations/%s"]}""".formatted(organisation));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        assertThat(texts(created.body().path("hostOrganizations"))).containsExactly("organizations/" + organisation);
        assertThat(texts(gateway.get("/v1/commissions/" + id, coordinator).body().path("hostOrganizations")))
                .containsExactly("organizations/" + organisation);

        String other = uniqueId("refused");
        var unknown = gateway.post("/v1/commissions?commissionId=" + other, coordinator, """
                {"displayName": "Hosted by strangers",
                 "hostOrganizations": ["organizations/%s", "organizations/%s"]}""".formatted(organisation, uniqueId("nobody")));
        assertThat(unknown.status()).as(unknown.body().toString()).isEqualTo(400);
        assertThat(unknown.body().path("reason").asString()).isEqualTo("UNKNOWN_ORGANIZATION");
        assertThat(unknown.body().path("fieldViolations").get(0).path("field").asString())
                .isEqualTo("commission.host_organizations[1]");
        assertThat(gateway.get("/v1/commissions/" + other, coordinator).status()).as("nothing was written").isEqualTo(404);
    }

    @Test
    void anArchivedCommissionIsKeptReadableButNothingInItChanges() {
        String id = uniqueId("archive");
        String name = "/v1/commissions/" + id;
        var created = gateway.post("/v1/commissions?commissionId=" + id, coordinator, "{\"displayName\": \"A commission to archive\"}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);

        var notAllowed = gateway.post(name + ":archive", leedsMember, "{\"reason\": \"We would like to stop.\"}");
        assertThat(notAllowed.status()).isEqualTo(403);
        var noReason = gateway.post(name + ":archive", coordinator, "{\"reason\": \" \"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().path("fieldViolations").get(0).path("field").asString()).isEqualTo("reason");
        var stale = gateway.post(name + ":archive", coordinator, "{\"reason\": \"Finished.\", \"etag\": \"\\\"41\\\"\"}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().path("reason").asString()).isEqualTo("STALE_ETAG");

        var archived = gateway.post(name + ":archive", coordinator, """
                {"reason": "The commission finished its work and shared what it learnt.", "etag": %s}"""
                .formatted(quoted(created.body().path("etag").asString())));
        assertThat(archived.status()).as(archived.body().toString()).isEqualTo(200);
        assertThat(archived.body().path("state").asString()).isEqualTo("ARCHIVED");
        assertThat(archived.body().path("archiveReason").asString()).isEqualTo("The commission finished its work and shared what it learnt.");
        assertThat(archived.body().path("archiveTime").asString()).endsWith("Z");

        var again = gateway.post(name + ":archive", coordinator, "{\"reason\": \"Finished, again.\"}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().path("reason").asString()).isEqualTo("ALREADY_ARCHIVED");

        assertThat(gateway.get(name, coordinator).body()).isEqualTo(archived.body());
        assertThat(listed(false)).doesNotContain("commissions/" + id);
        assertThat(listed(true)).contains("commissions/" + id);

        var move = gateway.post(name + "/phaseModel:move", coordinator, "{\"phase\": \"Exploration\", \"reason\": \"Too late.\"}");
        assertThat(move.status()).isEqualTo(400);
        assertThat(move.body().path("reason").asString()).isEqualTo("COMMISSION_ARCHIVED");
        var model = gateway.get(name + "/phaseModel", coordinator);
        assertThat(model.status()).isEqualTo(200);
        assertThat(model.body().path("currentPhase").asString()).isEqualTo("Engagement");
    }

    private static List<String> listed(boolean showArchived) {
        List<String> names = new ArrayList<>();
        String token = "";
        do {
            var page = gateway.get("/v1/commissions?pageSize=100&showArchived=" + showArchived + "&pageToken=" + token, coordinator);
            assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
            page.body().path("commissions").forEach(c -> names.add(c.path("name").asString()));
            token = page.body().path("nextPageToken").asString("");
        } while (!token.isEmpty());
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asString()));
        return texts;
    }

    private static String uniqueId(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A JSON string literal. */
    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
