package org.chorus.membership;

import static org.assertj.core.api.Assertions.assertThat;

import org.chorus.membership.v1.CreateRoleGrantRequest;
import org.chorus.membership.v1.DeleteRoleGrantRequest;
import org.chorus.membership.v1.ListRoleGrantsRequest;
import org.chorus.membership.v1.RoleGrant;
import org.chorus.membership.v1.RoleGrantsServiceGrpc;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
import org.chorus.testrig.Bearer;
import org.chorus.testrig.RealKeycloak;
import org.chorus.testrig.RealPostgres;
import org.chorus.testrig.UseRealKeycloak;
import org.chorus.testrig.UseRealPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A commission pointed at a database of its own by one line of configuration, and nothing else:
 * the whole service (gRPC, access checks, set-up, grants) works for it, and its rows are there and
 * only there.
 */
@SpringBootTest(properties = "chorus.membership.mirror-after=1h")
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "membership")
@UseRealKeycloak
class CommissionOnItsOwnDatabaseTest {

    @DynamicPropertySource
    static void hullHasItsOwnDatabase(DynamicPropertyRegistry registry) {
        registry.add("chorus.tenancy.dedicated-databases.hull", () -> RealPostgres.get().jdbcUrl("membership_hull"));
    }

    @Autowired
    GrpcChannelFactory channels;
    @Autowired
    CommissionSchemaProvisioner schemas;

    @Test
    void aCommissionOnItsOwnDatabaseWorksThroughTheServiceAndKeepsItsRowsThere() {
        schemas.provision("hull");
        var amara = RoleGrantsServiceGrpc.newBlockingStub(channels.createChannel("membership"))
                .withInterceptors(Bearer.token(RealKeycloak.get().passwordToken("amara", "demo-password")));

        RoleGrant granted = amara.createRoleGrant(CreateRoleGrantRequest.newBuilder().setParent("commissions/hull")
                .setRoleGrant(RoleGrant.newBuilder().setPerson("priya").setRole(RoleGrant.Role.VIEWER)).build());
        try {
            assertThat(amara.listRoleGrants(ListRoleGrantsRequest.newBuilder().setParent("commissions/hull").build())
                    .getRoleGrantsList()).extracting(RoleGrant::getName).contains(granted.getName());
            assertThat(count("membership_hull", "commission_hull.role_grant")).isEqualTo(1);
            assertThat(schemaExists("membership", "commission_hull")).as("nothing of Hull in the service's own database").isFalse();
            assertThat(count("membership", "network.provisioned_commission WHERE commission_id = 'hull'"))
                    .as("the service's own database records that Hull is set up").isEqualTo(1);
        } finally {
            amara.deleteRoleGrant(DeleteRoleGrantRequest.newBuilder().setName(granted.getName()).build());
        }
    }

    private static long count(String database, String from) {
        return JdbcClient.create(RealPostgres.get().ownerDataSource(database)).sql("SELECT count(*) FROM " + from)
                .query(Long.class).single();
    }

    private static boolean schemaExists(String database, String schema) {
        return JdbcClient.create(RealPostgres.get().ownerDataSource(database))
                .sql("SELECT count(*) FROM information_schema.schemata WHERE schema_name = :schema").param("schema", schema)
                .query(Long.class).single() > 0;
    }
}
