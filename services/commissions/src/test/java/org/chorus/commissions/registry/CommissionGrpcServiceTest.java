package org.chorus.commissions.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.testrig.GrpcAssertions.assertStatus;
import static org.chorus.testrig.GrpcAssertions.violations;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chorus.commissions.v1.Commission;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.commissions.v1.CommissionsServiceGrpc.CommissionsServiceBlockingStub;
import org.chorus.commissions.v1.CreateCommissionRequest;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.commissions.v1.ListCommissionsRequest;
import org.chorus.commissions.v1.ListCommissionsResponse;
import org.chorus.testrig.Bearer;
import org.chorus.testrig.RealKeycloak;
import org.chorus.testrig.RealPostgres;
import org.chorus.testrig.UseRealKeycloak;
import org.chorus.testrig.UseRealPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The registry over the in-process gRPC transport, on a real PostgreSQL. */
@SpringBootTest
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "commissions")
@UseRealKeycloak
class CommissionGrpcServiceTest {

    @Autowired
    GrpcChannelFactory channels;

    /** As the database owner: the application's own login role may not empty or count past its rights. */
    final JdbcClient jdbc = JdbcClient.create(RealPostgres.get().ownerDataSource("commissions"));

    CommissionsServiceBlockingStub commissions;

    @BeforeEach
    void emptyRegistry() {
        jdbc.sql("TRUNCATE network.commission_provisioning, network.commission, network.create_request").update();
        commissions = as("amara");
    }

    /** The registry as one of the realm's demo people (amara coordinates the network). */
    private CommissionsServiceBlockingStub as(String username) {
        return CommissionsServiceGrpc.newBlockingStub(channels.createChannel("commissions"))
                .withInterceptors(Bearer.token(RealKeycloak.get().passwordToken(username, "demo-password")));
    }

    @Test
    void onlyCoordinatorsOpenCommissions() {
        assertThatThrownBy(() -> as("dev").createCommission(create("leeds", "Leeds")))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThat(count()).isZero();
    }

    @Test
    void withoutAValidTokenNothingIsServed() {
        var anonymous = CommissionsServiceGrpc.newBlockingStub(channels.createChannel("commissions"));
        assertThatThrownBy(() -> anonymous.listCommissions(ListCommissionsRequest.getDefaultInstance()))
                .satisfies(e -> assertStatus(e, Status.Code.UNAUTHENTICATED, "SIGN_IN_NEEDED"));

        String token = RealKeycloak.get().passwordToken("amara", "demo-password");
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        var forged = CommissionsServiceGrpc.newBlockingStub(channels.createChannel("commissions"))
                .withInterceptors(Bearer.token(tampered));
        assertThatThrownBy(() -> forged.listCommissions(ListCommissionsRequest.getDefaultInstance()))
                .satisfies(e -> assertStatus(e, Status.Code.UNAUTHENTICATED, "INVALID_TOKEN"));
    }

    @Test
    void membersSeeTheirOwnCommissionOnly() {
        commissions.createCommission(create("leeds", "Leeds"));
        commissions.createCommission(create("salford", "Salford"));
        var sam = as("sam");

        assertThat(sam.listCommissions(ListCommissionsRequest.getDefaultInstance()).getCommissionsList())
                .extracting(Commission::getName).containsExactly("commissions/leeds");
        assertThat(sam.getCommission(GetCommissionRequest.newBuilder().setName("commissions/leeds").build()).getName())
                .isEqualTo("commissions/leeds");
        assertThatThrownBy(() -> sam.getCommission(GetCommissionRequest.newBuilder().setName("commissions/salford").build()))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> sam.getCommission(GetCommissionRequest.newBuilder().setName("commissions/nowhere").build()))
                .as("a commission that does not exist is refused the same way: no existence leak")
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
    }

    @Test
    void aDashboardClientSeesEveryCommission() {
        commissions.createCommission(create("leeds", "Leeds"));
        commissions.createCommission(create("salford", "Salford"));
        var dashboard = CommissionsServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(
                Bearer.token(RealKeycloak.get().clientCredentialsToken("chorus-dashboard", "chorus-dashboard-dev-secret")));

        assertThat(dashboard.listCommissions(ListCommissionsRequest.getDefaultInstance()).getCommissionsList())
                .extracting(Commission::getName).containsExactly("commissions/leeds", "commissions/salford");
        assertThatThrownBy(() -> dashboard.createCommission(create("hull", "Hull")))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
    }

    @Test
    void aCreatedCommissionCanBeReadBack() {
        Commission created = commissions.createCommission(create("leeds", "Leeds Poverty Truth Commission"));

        assertThat(created.getName()).isEqualTo("commissions/leeds");
        assertThat(created.getState()).isEqualTo(Commission.State.ACTIVE);
        assertThat(created.getStartDate().getYear()).isEqualTo(2026);
        assertThat(created.getEtag()).isNotEmpty();
        assertThat(created.getCreateTime().getSeconds()).isPositive();
        assertThat(commissions.getCommission(GetCommissionRequest.newBuilder().setName("commissions/leeds").build()))
                .isEqualTo(created);
    }

    @Test
    void openingACommissionGivesItItsOwnSchemaAndRoleAndAsksEveryServiceToSetItUp() {
        commissions.createCommission(create("north-east", "North East"));

        assertThat(jdbc.sql("SELECT schema_owner FROM information_schema.schemata WHERE schema_name = 'commission_north_east'")
                .query(String.class).single()).isEqualTo("chorus_commissions_north_east");
        // In this test the in-process transport routes the calls to the other services back to this
        // application, which serves the same provisioning API; the system tests reach the real ones.
        assertThat(jdbc.sql("SELECT service FROM network.commission_provisioning WHERE commission_id = 'north-east' ORDER BY 1")
                .query(String.class).list()).containsExactly("membership", "payments", "reporting");
    }

    @Test
    void onlyServicesMaySetACommissionUp() {
        var amara = org.chorus.platform.v1.CommissionProvisioningServiceGrpc.newBlockingStub(channels.createChannel("commissions"))
                .withInterceptors(Bearer.token(RealKeycloak.get().passwordToken("amara", "demo-password")));

        assertThatThrownBy(() -> amara.provisionCommission(
                org.chorus.platform.v1.ProvisionCommissionRequest.newBuilder().setName("commissions/leeds").build()))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
    }

    @Test
    void listsArePagedInIdOrderUntilTheLastPage() {
        for (String id : List.of("wakefield", "leeds", "salford", "bradford", "hull")) {
            commissions.createCommission(create(id, "Commission in " + id));
        }
        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListCommissionsResponse page = commissions.listCommissions(
                    ListCommissionsRequest.newBuilder().setPageSize(2).setPageToken(token).build());
            page.getCommissionsList().forEach(c -> seen.add(c.getName()));
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("commissions/bradford", "commissions/hull", "commissions/leeds",
                "commissions/salford", "commissions/wakefield");
    }

    @Test
    void invalidInputIsRefusedWithEveryFieldViolationAndNothingIsWritten() {
        var request = CreateCommissionRequest.newBuilder()
                .setCommissionId("Leeds!")
                .setCommission(Commission.newBuilder().setDisplayName("x".repeat(121)))
                .build();

        assertThatThrownBy(() -> commissions.createCommission(request)).satisfies(e -> {
            assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_COMMISSION");
            assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField)
                    .containsExactly("commission_id", "commission.display_name");
        });
        assertThat(count()).isZero();
    }

    @Test
    void aDuplicateIdIsAlreadyExistsAndTheFirstIsKept() {
        commissions.createCommission(create("leeds", "Leeds Poverty Truth Commission"));

        assertThatThrownBy(() -> commissions.createCommission(create("leeds", "Another Leeds")))
                .satisfies(e -> assertStatus(e, Status.Code.ALREADY_EXISTS, "COMMISSION_EXISTS"));
        assertThat(commissions.getCommission(GetCommissionRequest.newBuilder().setName("commissions/leeds").build())
                .getDisplayName()).isEqualTo("Leeds Poverty Truth Commission");
    }

    @Test
    void aRetryWithTheSameRequestIdReturnsTheFirstResult() {
        String requestId = UUID.randomUUID().toString();
        Commission first = commissions.createCommission(create("leeds", "Leeds").toBuilder().setRequestId(requestId).build());
        Commission retry = commissions.createCommission(create("leeds", "Leeds").toBuilder().setRequestId(requestId).build());

        assertThat(retry).isEqualTo(first);
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void aReusedRequestIdWithADifferentRequestIsRefused() {
        String requestId = UUID.randomUUID().toString();
        commissions.createCommission(create("leeds", "Leeds").toBuilder().setRequestId(requestId).build());

        assertThatThrownBy(() -> commissions.createCommission(
                create("salford", "Salford").toBuilder().setRequestId(requestId).build()))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "REQUEST_ID_REUSED");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly("request_id");
                });
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void anUnknownCommissionIsNotFound() {
        assertThatThrownBy(() -> commissions.getCommission(GetCommissionRequest.newBuilder().setName("commissions/nowhere").build()))
                .satisfies(e -> assertStatus(e, Status.Code.NOT_FOUND, "COMMISSION_NOT_FOUND"));
    }

    @Test
    void aMalformedNameIsInvalid() {
        assertThatThrownBy(() -> commissions.getCommission(GetCommissionRequest.newBuilder().setName("commissions/Leeds/x").build()))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_NAME");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly("name");
                });
    }

    @Test
    void pageSizesOverTheMaximumAndForeignTokensAreInvalid() {
        assertThatThrownBy(() -> commissions.listCommissions(ListCommissionsRequest.newBuilder().setPageSize(101).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_PAGE_SIZE"));
        assertThatThrownBy(() -> commissions.listCommissions(ListCommissionsRequest.newBuilder().setPageToken("bm90LW91cnM").build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_PAGE_TOKEN"));
    }

    @Test
    void healthIsServingAndMirrorsTheActuator() {
        HealthCheckResponse health = HealthGrpc.newBlockingStub(channels.createChannel("commissions"))
                .check(HealthCheckRequest.newBuilder().setService("").build());

        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM network.commission").query(Long.class).single();
    }

    private static CreateCommissionRequest create(String id, String name) {
        return CreateCommissionRequest.newBuilder()
                .setCommissionId(id)
                .setCommission(Commission.newBuilder()
                        .setDisplayName(name)
                        .setPlace("West Yorkshire")
                        .setStartDate(com.google.type.Date.newBuilder().setYear(2026).setMonth(3).setDay(14)))
                .build();
    }

}
