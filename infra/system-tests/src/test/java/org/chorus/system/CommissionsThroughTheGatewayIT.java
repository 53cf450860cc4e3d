package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.testrig.RealKeycloak;
import org.chorus.testrig.RealPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The foundation's end-to-end slice: real Keycloak tokens, the gateway's JSON API, the commissions
 * service and its PostgreSQL, all as separate processes.
 */
class CommissionsThroughTheGatewayIT {

    static GatewayClient gateway;
    static String coordinator;

    @BeforeAll
    static void platform() {
        ChorusPlatform platform = RunningPlatform.get();
        gateway = new GatewayClient(platform.gatewayUrl());
        coordinator = RealKeycloak.get().passwordToken("amara", "demo-password");
    }

    @Test
    void aCoordinatorCreatesACommissionAndReadsItBack() {
        String id = uniqueId("leeds");
        var created = gateway.post("/v1/commissions?commissionId=" + id, coordinator, """
                {"displayName": "Leeds Poverty Truth Commission", "place": "Leeds",
                 "startDate": {"year": 2026, "month": 3, "day": 14}}""");

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body().path("name").asString()).isEqualTo("commissions/" + id);
        assertThat(created.body().path("state").asString()).isEqualTo("ACTIVE");
        assertThat(created.body().path("createTime").asString()).endsWith("Z");

        var read = gateway.get("/v1/commissions/" + id, coordinator);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(created.body());
    }

    @Test
    void aNewCommissionIsSetUpInEveryServiceWithItsOwnSchema() {
        String id = uniqueId("wakefield");
        assertThat(gateway.post("/v1/commissions?commissionId=" + id, coordinator, "{\"displayName\": \"Wakefield\"}").status())
                .isEqualTo(200);

        for (String service : ChorusPlatform.SERVICES) {
            var owner = JdbcClient.create(RealPostgres.get().ownerDataSource(service));
            assertThat(owner.sql("SELECT schema_owner FROM information_schema.schemata WHERE schema_name = :schema")
                    .param("schema", "commission_" + id.replace('-', '_')).query(String.class).optional())
                    .as("the commission's schema in " + service)
                    .contains("chorus_" + service + "_" + id.replace('-', '_'));
        }
    }

    @Test
    void aDashboardClientListsCommissionsPageByPage() {
        for (String place : List.of("hull", "york", "bradford")) {
            assertThat(gateway.post("/v1/commissions?commissionId=" + uniqueId(place), coordinator,
                    "{\"displayName\": \"Commission in " + place + "\"}").status()).isEqualTo(200);
        }
        String dashboard = RealKeycloak.get().clientCredentialsToken("chorus-dashboard", "chorus-dashboard-dev-secret");

        List<String> names = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            var page = gateway.get("/v1/commissions?pageSize=2&pageToken=" + token, dashboard);
            assertThat(page.status()).isEqualTo(200);
            page.body().path("commissions").forEach(c -> names.add(c.path("name").asString()));
            token = page.body().path("nextPageToken").asString("");
            pages++;
        } while (!token.isEmpty());

        assertThat(pages).isGreaterThanOrEqualTo(2);
        assertThat(names).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void invalidInputIsAProblemSayingWhatToFix() {
        var refused = gateway.post("/v1/commissions?commissionId=Not%20A%20Slug", coordinator,
                "{\"displayName\": \"" + "x".repeat(121) + "\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("reason").asString()).isEqualTo("INVALID_COMMISSION");
        List<String> fields = new ArrayList<>();
        refused.body().path("fieldViolations").forEach(v -> fields.add(v.path("field").asString()));
        assertThat(fields).containsExactly("commission_id", "commission.display_name");
        assertThat(refused.body().path("requestId").asString()).isNotBlank();
    }

    @Test
    void aDuplicateIdIsAConflictAndTheFirstIsKept() {
        String id = uniqueId("salford");
        assertThat(gateway.post("/v1/commissions?commissionId=" + id, coordinator,
                "{\"displayName\": \"Salford Poverty Truth Commission\"}").status()).isEqualTo(200);

        var again = gateway.post("/v1/commissions?commissionId=" + id, coordinator, "{\"displayName\": \"Another\"}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("reason").asString()).isEqualTo("COMMISSION_EXISTS");
        assertThat(gateway.get("/v1/commissions/" + id, coordinator).body().path("displayName").asString())
                .isEqualTo("Salford Poverty Truth Commission");
    }

    @Test
    void anUnknownCommissionIsNotFound() {
        var missing = gateway.get("/v1/commissions/" + uniqueId("nowhere"), coordinator);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("reason").asString()).isEqualTo("COMMISSION_NOT_FOUND");
    }

    @Test
    void withoutATokenNothingIsServed() {
        var refused = gateway.get("/v1/commissions", null);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aTokenWithABadSignatureIsRefused() {
        String[] parts = coordinator.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThat(gateway.get("/v1/commissions", forged).status()).isEqualTo(401);
    }

    private static String uniqueId(String place) {
        return place + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

}
