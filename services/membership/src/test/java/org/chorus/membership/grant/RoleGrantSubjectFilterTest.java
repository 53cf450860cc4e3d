package org.chorus.membership.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.testrig.GrpcAssertions.assertStatus;

import io.grpc.Status;
import org.chorus.membership.keycloak.KeycloakAdmin;
import org.chorus.membership.v1.CreateRoleGrantRequest;
import org.chorus.membership.v1.DeleteRoleGrantRequest;
import org.chorus.membership.v1.ListRoleGrantsRequest;
import org.chorus.membership.v1.RoleGrant;
import org.chorus.membership.v1.RoleGrantsServiceGrpc;
import org.chorus.membership.v1.RoleGrantsServiceGrpc.RoleGrantsServiceBlockingStub;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
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

/**
 * {@code ListRoleGrants} filtered to one person, as the commissions service asks it ("does this
 * person hold an active role here?"), on a real PostgreSQL and a real Keycloak.
 */
@SpringBootTest(properties = "chorus.membership.mirror-after=1h")
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "membership")
@UseRealKeycloak
class RoleGrantSubjectFilterTest {

    @Autowired
    GrpcChannelFactory channels;
    @Autowired
    CommissionSchemaProvisioner schemas;
    @Autowired
    KeycloakAdmin keycloak;

    final JdbcClient owner = JdbcClient.create(RealPostgres.get().ownerDataSource("membership"));

    @BeforeEach
    void freshCommissions() {
        schemas.provision("leeds");
        owner.sql("TRUNCATE commission_leeds.role_grant, commission_leeds.create_request").update();
        // priya (a Salford member) is given Leeds roles here: start her with none.
        String priya = subjectOf("priya");
        keycloak.realm().users().get(priya).groups().stream()
                .filter(g -> g.getPath().startsWith("/commissions/leeds/"))
                .forEach(g -> keycloak.realm().users().get(priya).leaveGroup(g.getId()));
    }

    @Test
    void onlyThePersonsActiveGrantsAreListedFoundByTheirSubjectOrAsTheyWereNamed() {
        RoleGrant priya = as("amara").createRoleGrant(CreateRoleGrantRequest.newBuilder().setParent("commissions/leeds")
                .setRoleGrant(RoleGrant.newBuilder().setPerson("priya").setRole(RoleGrant.Role.VIEWER)).build());
        as("amara").createRoleGrant(CreateRoleGrantRequest.newBuilder().setParent("commissions/leeds")
                .setRoleGrant(RoleGrant.newBuilder().setPerson("sam").setRole(RoleGrant.Role.MEMBER)).build());

        assertThat(list(subjectOf("priya"), false)).containsExactly(priya);
        assertThat(list("priya", false)).containsExactly(priya);
        assertThat(list(subjectOf("jo"), false)).isEmpty();
        assertThat(as("dev").listRoleGrants(ListRoleGrantsRequest.newBuilder().setParent("commissions/leeds").build())
                .getRoleGrantsList()).hasSize(2);

        RoleGrant revoked = as("amara").deleteRoleGrant(DeleteRoleGrantRequest.newBuilder().setName(priya.getName()).build());
        assertThat(list(subjectOf("priya"), false)).isEmpty();
        assertThat(list(subjectOf("priya"), true)).containsExactly(revoked);
    }

    @Test
    void anOverLongPersonIsRefusedOnItsField() {
        assertThatThrownBy(() -> list("x".repeat(255), false))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_SUBJECT"));
    }

    private java.util.List<RoleGrant> list(String subject, boolean showRevoked) {
        return as("dev").listRoleGrants(ListRoleGrantsRequest.newBuilder().setParent("commissions/leeds")
                .setSubject(subject).setShowRevoked(showRevoked).build()).getRoleGrantsList();
    }

    private RoleGrantsServiceBlockingStub as(String username) {
        return RoleGrantsServiceGrpc.newBlockingStub(channels.createChannel("membership"))
                .withInterceptors(Bearer.token(RealKeycloak.get().passwordToken(username, "demo-password")));
    }

    private String subjectOf(String username) {
        return keycloak.realm().users().searchByUsername(username, true).getFirst().getId();
    }
}
