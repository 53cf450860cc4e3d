package org.chorus.membership.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.membership.TokenClaims.groups;
import static org.chorus.testrig.GrpcAssertions.assertStatus;
import static org.chorus.testrig.GrpcAssertions.violatedFields;

import io.grpc.Status;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.chorus.identity.Role;
import org.chorus.membership.keycloak.KeycloakAdmin;
import org.chorus.membership.keycloak.KeycloakWaitingAccounts;
import org.chorus.membership.v1.CreateRoleGrantRequest;
import org.chorus.membership.v1.DeleteRoleGrantRequest;
import org.chorus.membership.v1.ListRoleGrantsRequest;
import org.chorus.membership.v1.RoleGrant;
import org.chorus.membership.v1.RoleGrantsServiceGrpc.RoleGrantsServiceBlockingStub;
import org.chorus.membership.v1.RoleGrantsServiceGrpc;
import org.chorus.platform.events.EventOutbox;
import org.chorus.platform.requests.CreateRequests;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.chorus.testrig.Bearer;
import org.chorus.testrig.RealKeycloak;
import org.chorus.testrig.RealPostgres;
import org.chorus.testrig.UseRealKeycloak;
import org.chorus.testrig.UseRealPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Role grants over the in-process gRPC transport, on a real PostgreSQL and a real Keycloak: the
 * grant is recorded in the commission's schema and mirrored as a Keycloak group, so a fresh token
 * carries it; revoking takes it out of the next token and keeps the record.
 */
@SpringBootTest(properties = "chorus.membership.mirror-after=1h")
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "membership")
@UseRealKeycloak
class RoleGrantGrpcServiceTest {

    static final String PASSWORD = "demo-password";

    @Autowired
    GrpcChannelFactory channels;
    @Autowired
    CommissionSchemaProvisioner schemas;
    @Autowired
    KeycloakAdmin keycloak;
    @Autowired
    RoleGrantRepository repository;
    @Autowired
    RoleGrantMirror realMirror;
    @Autowired
    EventOutbox outbox;
    @Autowired
    CommissionTransactions transactions;

    @Autowired
    CreateRequests requests;

    /** As the database owner, to empty the tables between tests. */
    final JdbcClient owner = JdbcClient.create(RealPostgres.get().ownerDataSource("membership"));

    @BeforeEach
    void freshCommissions() {
        schemas.provision("leeds");
        schemas.provision("salford");
        owner.sql("TRUNCATE commission_leeds.role_grant, commission_leeds.create_request, "
                + "commission_salford.role_grant, commission_salford.create_request").update();
        // priya (a Salford member) is the person these tests give Leeds roles to: start her with none.
        String priya = keycloak.realm().users().searchByUsername("priya", true).getFirst().getId();
        keycloak.realm().users().get(priya).groups().stream()
                .filter(g -> g.getPath().startsWith("/commissions/leeds/"))
                .forEach(g -> keycloak.realm().users().get(priya).leaveGroup(g.getId()));
    }

    private RoleGrantsServiceBlockingStub as(String username) {
        return RoleGrantsServiceGrpc.newBlockingStub(channels.createChannel("membership"))
                .withInterceptors(Bearer.token(RealKeycloak.get().passwordToken(username, PASSWORD)));
    }

    private static CreateRoleGrantRequest grant(String commission, String person, RoleGrant.Role role) {
        return CreateRoleGrantRequest.newBuilder().setParent("commissions/" + commission)
                .setRoleGrant(RoleGrant.newBuilder().setPerson(person).setRole(role)).build();
    }

    private static String freshToken(String username) {
        return RealKeycloak.get().passwordToken(username, PASSWORD);
    }

    @Test
    void aGrantIsMirroredSoTheNextTokenCarriesItAndARevokeTakesItOutOfTheNextToken() {
        RoleGrant granted = as("amara").createRoleGrant(grant("leeds", "priya", RoleGrant.Role.VIEWER));

        assertThat(granted.getName()).startsWith("commissions/leeds/roleGrants/");
        assertThat(granted.getState()).isEqualTo(RoleGrant.State.ACTIVE);
        assertThat(granted.getMirrorState()).isEqualTo(RoleGrant.MirrorState.MIRRORED);
        assertThat(granted.getSubject()).isEqualTo(subjectOf("priya"));
        assertThat(groups(freshToken("priya"))).contains("/commissions/leeds/viewer", "/commissions/salford/member");

        RoleGrant revoked = as("amara").deleteRoleGrant(DeleteRoleGrantRequest.newBuilder().setName(granted.getName()).build());

        assertThat(revoked.getState()).isEqualTo(RoleGrant.State.REVOKED);
        assertThat(revoked.getMirrorState()).isEqualTo(RoleGrant.MirrorState.MIRRORED);
        assertThat(revoked.getRevokedBy()).isEqualTo(subjectOf("amara"));
        assertThat(revoked.hasRevokeTime()).isTrue();
        assertThat(groups(freshToken("priya"))).doesNotContain("/commissions/leeds/viewer").contains("/commissions/salford/member");
    }

    @Test
    void aRevokedGrantIsKeptWithWhoRevokedItAndListedOnlyWhenAskedFor() {
        RoleGrant granted = as("dev").createRoleGrant(grant("leeds", "priya", RoleGrant.Role.VIEWER).toBuilder()
                .setReason("Priya wants to read the record before she joins.").build());
        as("dev").deleteRoleGrant(DeleteRoleGrantRequest.newBuilder().setName(granted.getName())
                .setReason("She has joined as a member instead.").build());
        RoleGrant again = as("dev").createRoleGrant(grant("leeds", "priya", RoleGrant.Role.VIEWER));

        var active = as("dev").listRoleGrants(ListRoleGrantsRequest.newBuilder().setParent("commissions/leeds").build());
        var all = as("dev").listRoleGrants(ListRoleGrantsRequest.newBuilder().setParent("commissions/leeds").setShowRevoked(true).build());

        assertThat(active.getRoleGrantsList()).extracting(RoleGrant::getName).containsExactly(again.getName());
        assertThat(all.getRoleGrantsList()).extracting(RoleGrant::getName).containsExactly(granted.getName(), again.getName());
        assertThat(all.getRoleGrants(0).getRevokedBy()).isEqualTo(subjectOf("dev"));
        assertThat(all.getRoleGrants(0).getGrantedBy()).isEqualTo(subjectOf("dev"));
        assertThat(groups(freshToken("priya"))).contains("/commissions/leeds/viewer");
        var events = owner.sql("""
                        SELECT type, actor, payload ->> 'role' AS role, payload ->> 'reason' AS reason FROM commission_leeds.outbox_event
                        WHERE resource_name = :name ORDER BY sequence""")
                .param("name", granted.getName()).query().listOfRows();
        assertThat(events).as("every grant and revocation is an event with who and why").satisfiesExactly(
                e -> assertThat(e).containsEntry("type", "role_grant.granted").containsEntry("actor", subjectOf("dev"))
                        .containsEntry("role", "viewer").containsEntry("reason", "Priya wants to read the record before she joins."),
                e -> assertThat(e).containsEntry("type", "role_grant.revoked").containsEntry("actor", subjectOf("dev"))
                        .containsEntry("reason", "She has joined as a member instead."));
    }

    @Test
    void onlyCoordinatorsGiveTheFacilitatorAndFinanceRoles() {
        for (RoleGrant.Role role : List.of(RoleGrant.Role.FACILITATOR, RoleGrant.Role.FINANCE)) {
            assertThatThrownBy(() -> as("dev").createRoleGrant(grant("leeds", "priya", role)))
                    .as(role.name()).satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        }
        assertThat(rows("leeds")).isZero();

        RoleGrant facilitator = as("amara").createRoleGrant(grant("leeds", "priya", RoleGrant.Role.FACILITATOR));
        assertThat(groups(freshToken("priya"))).contains("/commissions/leeds/facilitator");

        assertThatThrownBy(() -> as("dev").deleteRoleGrant(DeleteRoleGrantRequest.newBuilder().setName(facilitator.getName()).build()))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        as("amara").deleteRoleGrant(DeleteRoleGrantRequest.newBuilder().setName(facilitator.getName()).build());
        assertThat(groups(freshToken("priya"))).doesNotContain("/commissions/leeds/facilitator");
    }

    @Test
    void nobodyGivesOrTakesAwayTheirOwnRole() {
        // The case found by hand: a facilitator making himself finance, to read members' benefits details.
        assertThatThrownBy(() -> as("dev").createRoleGrant(grant("leeds", "dev", RoleGrant.Role.FINANCE)))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> as("dev").createRoleGrant(grant("leeds", "dev", RoleGrant.Role.VIEWER)))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "OWN_ROLE"));
        assertThatThrownBy(() -> as("dev").createRoleGrant(grant("leeds", subjectOf("dev"), RoleGrant.Role.MEMBER)))
                .as("named by sign-in subject").satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "OWN_ROLE"));
        assertThatThrownBy(() -> as("amara").createRoleGrant(grant("leeds", "amara", RoleGrant.Role.FACILITATOR)))
                .as("a coordinator too").satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "OWN_ROLE"));
        assertThat(rows("leeds")).isZero();

        RoleGrant devIsViewer = as("amara").createRoleGrant(grant("leeds", "dev", RoleGrant.Role.VIEWER));
        assertThatThrownBy(() -> as("dev").deleteRoleGrant(DeleteRoleGrantRequest.newBuilder().setName(devIsViewer.getName()).build()))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "OWN_ROLE"));
        assertThat(as("amara").listRoleGrants(ListRoleGrantsRequest.newBuilder().setParent("commissions/leeds").build())
                .getRoleGrantsList()).extracting(RoleGrant::getState).containsExactly(RoleGrant.State.ACTIVE);
    }

    @Test
    void membersAndOtherCommissionsFacilitatorsCannotGrantOrList() {
        assertThatThrownBy(() -> as("sam").createRoleGrant(grant("leeds", "priya", RoleGrant.Role.VIEWER)))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> as("jo").createRoleGrant(grant("leeds", "priya", RoleGrant.Role.VIEWER)))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> as("jo").listRoleGrants(ListRoleGrantsRequest.newBuilder().setParent("commissions/leeds").build()))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> RoleGrantsServiceGrpc.newBlockingStub(channels.createChannel("membership"))
                .createRoleGrant(grant("leeds", "priya", RoleGrant.Role.VIEWER)))
                .satisfies(e -> assertStatus(e, Status.Code.UNAUTHENTICATED, "SIGN_IN_NEEDED"));
        assertThat(rows("leeds")).isZero();
        assertThat(groups(freshToken("priya"))).noneMatch(g -> g.startsWith("/commissions/leeds/"));
    }

    @Test
    void aGrantInOneCommissionIsNotSeenFromAnother() {
        as("amara").createRoleGrant(grant("leeds", "priya", RoleGrant.Role.VIEWER));

        assertThat(as("jo").listRoleGrants(ListRoleGrantsRequest.newBuilder().setParent("commissions/salford").build())
                .getRoleGrantsList()).isEmpty();
        String leedsGrant = as("amara").listRoleGrants(ListRoleGrantsRequest.newBuilder().setParent("commissions/leeds").build())
                .getRoleGrants(0).getName();
        String sameIdInSalford = leedsGrant.replace("commissions/leeds/", "commissions/salford/");
        assertThatThrownBy(() -> as("jo").deleteRoleGrant(DeleteRoleGrantRequest.newBuilder().setName(sameIdInSalford).build()))
                .satisfies(e -> assertStatus(e, Status.Code.NOT_FOUND, "ROLE_GRANT_NOT_FOUND"));
    }

    @Test
    void aRetryWithTheSameRequestIdReturnsTheFirstGrantAndADuplicateIsRefused() {
        String requestId = UUID.randomUUID().toString();
        CreateRoleGrantRequest request = grant("leeds", "priya", RoleGrant.Role.MEMBER).toBuilder().setRequestId(requestId).build();

        RoleGrant first = as("dev").createRoleGrant(request);
        RoleGrant retry = as("dev").createRoleGrant(request);

        assertThat(retry.getName()).isEqualTo(first.getName());
        assertThat(rows("leeds")).isEqualTo(1);
        assertThatThrownBy(() -> as("dev").createRoleGrant(grant("leeds", "PRIYA", RoleGrant.Role.MEMBER)))
                .satisfies(e -> assertStatus(e, Status.Code.ALREADY_EXISTS, "ROLE_ALREADY_GRANTED"));
        assertThatThrownBy(() -> as("dev").createRoleGrant(grant("leeds", "priya", RoleGrant.Role.VIEWER).toBuilder()
                .setRequestId(requestId).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "REQUEST_ID_REUSED"));
    }

    @Test
    void badInputIsRefusedFieldByField() {
        assertThatThrownBy(() -> as("dev").createRoleGrant(grant("leeds", "", RoleGrant.Role.ROLE_UNSPECIFIED)))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_ROLE_GRANT");
                    assertThat(violatedFields(e)).containsExactly("role_grant.person", "role_grant.role");
                });
        assertThatThrownBy(() -> as("dev").createRoleGrant(grant("leeds", "nobody-by-this-name", RoleGrant.Role.VIEWER)))
                .satisfies(e -> assertStatus(e, Status.Code.NOT_FOUND, "PERSON_NOT_FOUND"));
        assertThatThrownBy(() -> as("dev").deleteRoleGrant(DeleteRoleGrantRequest.newBuilder()
                .setName("commissions/leeds/roleGrants/not-a-uuid").build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_NAME"));
        assertThat(rows("leeds")).isZero();
    }

    @Test
    void someoneWhoHasNotSignedInYetIsGrantedByEmailAndGetsAnAccountWaitingInTheGroup() {
        String email = "newcomer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";

        RoleGrant granted = as("dev").createRoleGrant(grant("leeds", email.toUpperCase(), RoleGrant.Role.MEMBER));

        assertThat(granted.getPerson()).isEqualTo(email);
        assertThat(granted.getMirrorState()).isEqualTo(RoleGrant.MirrorState.MIRRORED);
        UserRepresentation waiting = keycloak.realm().users().searchByEmail(email, true).getFirst();
        assertThat(waiting.getId()).isEqualTo(granted.getSubject());
        assertThat(waiting.isEmailVerified()).isTrue();
        assertThat(keycloak.realm().users().get(waiting.getId()).credentials()).as("no password: they sign in through their organisation")
                .isEmpty();
        assertThat(keycloak.realm().users().get(waiting.getId()).groups()).extracting(g -> g.getPath())
                .containsExactly("/commissions/leeds/member");
        assertThat(waiting.getAttributes()).as("marked as waiting at its domain: only such an account can be linked on a first sign-in")
                .containsEntry(KeycloakWaitingAccounts.WAITING_AT, List.of("example.net"));
    }

    @Test
    void anExistingAccountNamedByEmailIsNeverMarkedAsWaiting() {
        RoleGrant granted = as("dev").createRoleGrant(grant("leeds", "sam@example.org", RoleGrant.Role.VIEWER));

        UserRepresentation sam = keycloak.realm().users().get(granted.getSubject()).toRepresentation();
        assertThat(sam.getUsername()).isEqualTo("sam");
        assertThat(sam.getAttributes() == null ? Map.of() : sam.getAttributes()).doesNotContainKey(KeycloakWaitingAccounts.WAITING_AT);
    }

    @Test
    void whenKeycloakIsDownTheGrantIsKeptAsPendingAndMirroredOnceItIsBack() {
        AtomicBoolean keycloakUp = new AtomicBoolean(false);
        RoleGrantMirror flaky = new RoleGrantMirror() {
            @Override
            public String subjectOf(String person) {
                down();
                return realMirror.subjectOf(person);
            }

            @Override
            public void setMember(String subject, String commission, Role role, boolean member) {
                down();
                realMirror.setMember(subject, commission, role, member);
            }

            private void down() {
                if (!keycloakUp.get()) {
                    throw new MirrorUnavailable("Keycloak is down (test)", null);
                }
            }
        };
        RoleGrantService service = new RoleGrantService(repository, flaky, transactions, requests, outbox, Clock.systemUTC());
        var amara = new org.chorus.identity.Caller(subjectOf("amara"), java.util.Optional.empty(), java.util.Set.of(Role.COORDINATOR),
                java.util.Map.of());

        var pending = service.create(amara, NewRoleGrant.of("leeds", "priya", Role.VIEWER, "", ""));

        assertThat(pending.mirrorState()).isEqualTo(org.chorus.membership.grant.RoleGrant.MirrorState.PENDING);
        assertThat(pending.subject()).isNull();
        assertThat(rows("leeds")).as("the grant is recorded even though Keycloak is down").isEqualTo(1);
        assertThat(groups(freshToken("priya"))).doesNotContain("/commissions/leeds/viewer");
        assertThat(service.mirrorPending("leeds")).isZero();

        keycloakUp.set(true);
        assertThat(service.mirrorPending("leeds")).isEqualTo(1);

        var listed = as("amara").listRoleGrants(ListRoleGrantsRequest.newBuilder().setParent("commissions/leeds").build());
        assertThat(listed.getRoleGrantsList()).singleElement().satisfies(g -> {
            assertThat(g.getMirrorState()).isEqualTo(RoleGrant.MirrorState.MIRRORED);
            assertThat(g.getSubject()).isEqualTo(subjectOf("priya"));
        });
        assertThat(groups(freshToken("priya"))).contains("/commissions/leeds/viewer");
    }

    @Test
    void aRevokeWhileKeycloakIsDownTakesTheRoleAwayOnceItIsBack() {
        RoleGrant granted = as("amara").createRoleGrant(grant("leeds", "priya", RoleGrant.Role.VIEWER));
        AtomicBoolean keycloakUp = new AtomicBoolean(false);
        RoleGrantMirror flaky = new RoleGrantMirror() {
            @Override
            public String subjectOf(String person) {
                return realMirror.subjectOf(person);
            }

            @Override
            public void setMember(String subject, String commission, Role role, boolean member) {
                if (!keycloakUp.get()) {
                    throw new MirrorUnavailable("Keycloak is down (test)", null);
                }
                realMirror.setMember(subject, commission, role, member);
            }
        };
        RoleGrantService service = new RoleGrantService(repository, flaky, transactions, requests, outbox, Clock.systemUTC());
        var amara = new org.chorus.identity.Caller(subjectOf("amara"), java.util.Optional.empty(), java.util.Set.of(Role.COORDINATOR),
                java.util.Map.of());

        var revoked = service.revoke(amara, "leeds", UUID.fromString(granted.getName().substring(granted.getName().lastIndexOf('/') + 1)), "");

        assertThat(revoked.active()).isFalse();
        assertThat(revoked.mirrorState()).isEqualTo(org.chorus.membership.grant.RoleGrant.MirrorState.PENDING);
        assertThat(groups(freshToken("priya"))).as("Keycloak has not caught up yet").contains("/commissions/leeds/viewer");

        keycloakUp.set(true);
        assertThat(service.mirrorPending("leeds")).isEqualTo(1);
        assertThat(groups(freshToken("priya"))).doesNotContain("/commissions/leeds/viewer");
    }

    private String subjectOf(String username) {
        List<UserRepresentation> found = keycloak.realm().users().searchByUsername(username, true);
        return found.getFirst().getId();
    }

    private long rows(String commission) {
        return owner.sql("SELECT count(*) FROM commission_" + commission + ".role_grant").query(Long.class).single();
    }
}
