package org.chorus.commissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.testrig.GrpcAssertions.assertStatus;

import com.google.protobuf.FieldMask;
import io.grpc.Status;
import org.chorus.commissions.v1.ArchiveCommissionRequest;
import org.chorus.commissions.v1.Commission;
import org.chorus.commissions.v1.CommissionScopeServiceGrpc;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.commissions.v1.CreateCommissionRequest;
import org.chorus.commissions.v1.GetScopeStatementRequest;
import org.chorus.commissions.v1.ScopeStatement;
import org.chorus.commissions.v1.UpdateScopeStatementRequest;
import org.chorus.testrig.Bearer;
import org.chorus.testrig.RealKeycloak;
import org.chorus.testrig.RealPostgres;
import org.chorus.testrig.UseRealKeycloak;
import org.chorus.testrig.UseRealPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An archived commission whose data lives in a database of its own: the registry, in the
 * service's database, still closes it to change, and it can still be read.
 */
@SpringBootTest
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "commissions")
@UseRealKeycloak
class ArchivedCommissionOnItsOwnDatabaseTest {

    static final String HULL = "commissions/hull";

    @DynamicPropertySource
    static void hullHasItsOwnDatabase(DynamicPropertyRegistry registry) {
        registry.add("chorus.tenancy.dedicated-databases.hull", () -> RealPostgres.get().jdbcUrl("commissions_hull"));
    }

    @Autowired
    GrpcChannelFactory channels;

    /**
     * Before and after: no trace of Hull, so that the other tests' applications, where Hull has no
     * database of its own, do not find it set up.
     */
    @BeforeEach
    @AfterEach
    void noHull() {
        var service = JdbcClient.create(RealPostgres.get().ownerDataSource("commissions"));
        service.sql("DELETE FROM network.commission_provisioning WHERE commission_id = 'hull'").update();
        service.sql("DELETE FROM network.commission WHERE id = 'hull'").update();
        service.sql("DELETE FROM network.provisioned_commission WHERE commission_id = 'hull'").update();
        JdbcClient.create(RealPostgres.get().ownerDataSource("commissions_hull"))
                .sql("DROP SCHEMA IF EXISTS commission_hull CASCADE").update();
    }

    @Test
    void anArchivedCommissionOnItsOwnDatabaseIsClosedToChangeButReadable() {
        var token = Bearer.token(RealKeycloak.get().passwordToken("amara", "demo-password"));
        var registry = CommissionsServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token);
        var scope = CommissionScopeServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token);
        registry.createCommission(CreateCommissionRequest.newBuilder().setCommissionId("hull")
                .setCommission(Commission.newBuilder().setDisplayName("Hull")).build());
        scope.updateScopeStatement(change("How the council's hardship fund is run."));

        registry.archiveCommission(ArchiveCommissionRequest.newBuilder().setName(HULL).setReason("Hull's commission has ended.").build());

        assertThatThrownBy(() -> scope.updateScopeStatement(change("Something new.")))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "COMMISSION_ARCHIVED"));
        assertThat(scope.getScopeStatement(GetScopeStatementRequest.newBuilder().setName(HULL + "/scopeStatement").build())
                .getOpenToCoProduction()).isEqualTo("How the council's hardship fund is run.");
    }

    private static UpdateScopeStatementRequest change(String open) {
        return UpdateScopeStatementRequest.newBuilder()
                .setScopeStatement(ScopeStatement.newBuilder().setName(HULL + "/scopeStatement").setOpenToCoProduction(open))
                .setUpdateMask(FieldMask.newBuilder().addPaths("open_to_co_production"))
                .build();
    }
}
