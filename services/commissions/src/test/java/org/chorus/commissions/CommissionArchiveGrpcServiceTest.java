package org.chorus.commissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.testrig.GrpcAssertions.assertStatus;
import static org.chorus.testrig.GrpcAssertions.violations;

import com.google.protobuf.FieldMask;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import java.util.List;
import java.util.stream.IntStream;
import org.chorus.commissions.v1.ArchiveCommissionRequest;
import org.chorus.commissions.v1.Commission;
import org.chorus.commissions.v1.CommissionFocusIssuesServiceGrpc;
import org.chorus.commissions.v1.CommissionPhasesServiceGrpc;
import org.chorus.commissions.v1.CommissionScopeServiceGrpc;
import org.chorus.commissions.v1.CommissionsServiceGrpc.CommissionsServiceBlockingStub;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.commissions.v1.CreateCommissionRequest;
import org.chorus.commissions.v1.CreateFocusIssueRequest;
import org.chorus.commissions.v1.FocusIssue;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.commissions.v1.GetPhaseModelRequest;
import org.chorus.commissions.v1.GetScopeStatementRequest;
import org.chorus.commissions.v1.ListCommissionsRequest;
import org.chorus.commissions.v1.ListPhaseTransitionsRequest;
import org.chorus.commissions.v1.MovePhaseRequest;
import org.chorus.commissions.v1.ScopeStatement;
import org.chorus.commissions.v1.UpdateScopeStatementRequest;
import org.chorus.testrig.Bearer;
import org.chorus.testrig.MembershipStandIn;
import org.chorus.testrig.RealKeycloak;
import org.chorus.testrig.RealPostgres;
import org.chorus.testrig.UseRealKeycloak;
import org.chorus.testrig.UseRealPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The registry's organisations hosting a commission, and archiving a commission, over the
 * in-process gRPC transport on a real PostgreSQL with real Keycloak tokens. Membership's
 * {@code GetOrganization} is answered by {@link MembershipStandIn}. amara coordinates the network;
 * dev facilitates leeds, sam is a member there; jo facilitates salford.
 */
@SpringBootTest
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "commissions")
@UseRealKeycloak
@Import(MembershipStandIn.class)
class CommissionArchiveGrpcServiceTest {

    static final String LEEDS = "commissions/leeds";
    static final String SALFORD = "commissions/salford";
    static final String FOOD_BANK = "organizations/leeds-food-bank";
    static final String COUNCIL = "organizations/leeds-city-council";

    @Autowired
    GrpcChannelFactory channels;

    final JdbcClient owner = JdbcClient.create(RealPostgres.get().ownerDataSource("commissions"));

    CommissionsServiceBlockingStub amara;

    @BeforeEach
    void freshLeedsAndSalford() {
        MembershipStandIn.reset();
        MembershipStandIn.ORGANIZATIONS.addAll(List.of(FOOD_BANK, COUNCIL));
        owner.sql("TRUNCATE network.commission_provisioning, network.commission, network.create_request").update();
        owner.sql("DROP SCHEMA IF EXISTS commission_leeds CASCADE").update();
        owner.sql("DROP SCHEMA IF EXISTS commission_salford CASCADE").update();
        amara = registry("amara");
        for (String id : List.of("leeds", "salford")) {
            amara.createCommission(create(id));
        }
    }

    // ---- the organisations hosting a commission ----

    @Test
    void theHostOrganisationsAreCheckedWithMembershipKeptAndReadBack() {
        Commission created = amara.createCommission(create("bradford").toBuilder()
                .setCommission(create("bradford").getCommission().toBuilder().addHostOrganizations(FOOD_BANK).addHostOrganizations(COUNCIL))
                .build());

        assertThat(created.getHostOrganizationsList()).containsExactly(FOOD_BANK, COUNCIL);
        assertThat(amara.getCommission(get("commissions/bradford")).getHostOrganizationsList()).containsExactly(FOOD_BANK, COUNCIL);
        assertThat(amara.getCommission(get(LEEDS)).getHostOrganizationsList()).as("hosts are optional").isEmpty();
        assertThat(MembershipStandIn.ASKED.get()).isEqualTo(2);
    }

    @Test
    void anOrganisationMembershipDoesNotKnowIsRefusedAtItsPlaceAndNothingIsWritten() {
        assertThatThrownBy(() -> amara.createCommission(hostedBy("bradford", FOOD_BANK, "organizations/nobody-knows-us")))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "UNKNOWN_ORGANIZATION");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField)
                            .containsExactly("commission.host_organizations[1]");
                    assertThat(violations(e).getFirst().getDescription()).contains("organizations/nobody-knows-us");
                });
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void malformedRepeatedOrTooManyOrganisationsAreRefusedWithoutAskingMembership() {
        assertThatThrownBy(() -> amara.createCommission(hostedBy("bradford", "Leeds Food Bank", FOOD_BANK, FOOD_BANK, "organisations/x")))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_COMMISSION");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly(
                            "commission.host_organizations[0]", "commission.host_organizations[2]", "commission.host_organizations[3]");
                });
        String[] eleven = IntStream.rangeClosed(1, 11).mapToObj(i -> "organizations/host-" + i).toArray(String[]::new);
        assertThatThrownBy(() -> amara.createCommission(hostedBy("bradford", eleven)))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_COMMISSION");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly("commission.host_organizations");
                });
        assertThat(MembershipStandIn.ASKED.get()).isZero();
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void whenMembershipCannotBeAskedTheCommissionIsNotOpened() {
        MembershipStandIn.failWith = Status.UNAVAILABLE;

        assertThatThrownBy(() -> amara.createCommission(hostedBy("bradford", FOOD_BANK)))
                .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        assertThat(count()).isEqualTo(2);
    }

    // ---- archiving ----

    @Test
    void anArchivedCommissionIsKeptReadableAndLeftOutOfListsUnlessAskedFor() {
        Commission before = amara.getCommission(get(LEEDS));
        Commission archived = amara.archiveCommission(archive(LEEDS, "The commission finished its work in March.")
                .toBuilder().setEtag(before.getEtag()).build());

        assertThat(archived.getState()).isEqualTo(Commission.State.ARCHIVED);
        assertThat(archived.getArchiveReason()).isEqualTo("The commission finished its work in March.");
        assertThat(archived.getArchiveTime().getSeconds()).isPositive();
        assertThat(archived.getEtag()).isNotEqualTo(before.getEtag());
        assertThat(registry("sam").getCommission(get(LEEDS))).as("its members can still read it").isEqualTo(archived);

        assertThat(amara.listCommissions(ListCommissionsRequest.getDefaultInstance()).getCommissionsList())
                .extracting(Commission::getName).containsExactly(SALFORD);
        assertThat(amara.listCommissions(ListCommissionsRequest.newBuilder().setShowArchived(true).build()).getCommissionsList())
                .extracting(Commission::getName).containsExactly(LEEDS, SALFORD);
        assertThat(registry("sam").listCommissions(ListCommissionsRequest.newBuilder().setShowArchived(true).build())
                .getCommissionsList()).extracting(Commission::getName).containsExactly(LEEDS);
    }

    @Test
    void archivingTwiceIsRefusedPlainly() {
        amara.archiveCommission(archive(LEEDS, "Finished."));

        assertThatThrownBy(() -> amara.archiveCommission(archive(LEEDS, "Finished, again.")))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "ALREADY_ARCHIVED"));
        assertThat(amara.getCommission(get(LEEDS)).getArchiveReason()).isEqualTo("Finished.");
    }

    @Test
    void aStaleEtagIsAbortedAndNothingChanges() {
        assertThatThrownBy(() -> amara.archiveCommission(archive(LEEDS, "Finished.").toBuilder().setEtag("\"41\"").build()))
                .satisfies(e -> assertStatus(e, Status.Code.ABORTED, "STALE_ETAG"));
        assertThat(amara.getCommission(get(LEEDS)).getState()).isEqualTo(Commission.State.ACTIVE);
    }

    @Test
    void aReasonIsNeededAndHasALimit() {
        for (String reason : List.of("", "   ", "x".repeat(2001))) {
            assertThatThrownBy(() -> amara.archiveCommission(archive(LEEDS, reason)))
                    .satisfies(e -> {
                        assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_ARCHIVE");
                        assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly("reason");
                    });
        }
        assertThat(amara.archiveCommission(archive(LEEDS, "x".repeat(2000))).getState()).isEqualTo(Commission.State.ARCHIVED);
    }

    @Test
    void onlyCoordinatorsArchive() {
        for (String who : List.of("sam", "dev")) {
            assertThatThrownBy(() -> registry(who).archiveCommission(archive(LEEDS, "We would like to stop.")))
                    .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        }
        assertThat(amara.getCommission(get(LEEDS)).getState()).isEqualTo(Commission.State.ACTIVE);
    }

    @Test
    void anUnknownOrMalformedCommissionCannotBeArchived() {
        assertThatThrownBy(() -> amara.archiveCommission(archive("commissions/nowhere", "Finished.")))
                .satisfies(e -> assertStatus(e, Status.Code.NOT_FOUND, "COMMISSION_NOT_FOUND"));
        assertThatThrownBy(() -> amara.archiveCommission(archive("commissions/Leeds!", "Finished.")))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_NAME"));
    }

    @Test
    void nothingInAnArchivedCommissionChangesButEverythingCanBeRead() {
        var scope = CommissionScopeServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token("dev"));
        scope.updateScopeStatement(scopeChange("Which services we look at first."));
        amara.archiveCommission(archive(LEEDS, "The commission finished its work."));

        var phases = CommissionPhasesServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token("dev"));
        var issues = CommissionFocusIssuesServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token("sam"));
        List<Runnable> writes = List.of(
                () -> scope.updateScopeStatement(scopeChange("Something new.")),
                () -> phases.movePhase(MovePhaseRequest.newBuilder().setName(LEEDS + "/phaseModel")
                        .setPhase("Exploration").setReason("Time to move on.").build()),
                () -> issues.createFocusIssue(CreateFocusIssueRequest.newBuilder().setParent(LEEDS)
                        .setFocusIssue(FocusIssue.newBuilder().setTitle("Bus fares")).build()));
        for (Runnable write : writes) {
            assertThatThrownBy(write::run).satisfies(e -> {
                assertStatus(e, Status.Code.FAILED_PRECONDITION, "COMMISSION_ARCHIVED");
                assertThat(Status.fromThrowable(e).getDescription())
                        .isEqualTo("This commission has been archived: its record can be read but not changed.");
            });
        }

        assertThat(scope.getScopeStatement(GetScopeStatementRequest.newBuilder().setName(LEEDS + "/scopeStatement").build())
                .getOpenToCoProduction()).isEqualTo("Which services we look at first.");
        assertThat(phases.getPhaseModel(GetPhaseModelRequest.newBuilder().setName(LEEDS + "/phaseModel").build())
                .getCurrentPhase()).isEqualTo("Engagement");
        assertThat(phases.listPhaseTransitions(ListPhaseTransitionsRequest.newBuilder().setParent(LEEDS).build())
                .getPhaseTransitionsList()).isEmpty();

        var jo = CommissionPhasesServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token("jo"));
        assertThat(jo.movePhase(MovePhaseRequest.newBuilder().setName(SALFORD + "/phaseModel")
                .setPhase("Exploration").setReason("Salford carries on.").build()).getToPhase())
                .as("other commissions carry on").isEqualTo("Exploration");
    }

    @Test
    void someoneOutsideAnArchivedCommissionIsStillRefusedAsBefore() {
        amara.archiveCommission(archive(LEEDS, "Finished."));
        var jo = CommissionPhasesServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token("jo"));

        assertThatThrownBy(() -> jo.movePhase(MovePhaseRequest.newBuilder().setName(LEEDS + "/phaseModel")
                .setPhase("Exploration").setReason("Not mine.").build()))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
    }

    private CommissionsServiceBlockingStub registry(String who) {
        return CommissionsServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token(who));
    }

    private long count() {
        return owner.sql("SELECT count(*) FROM network.commission").query(Long.class).single();
    }

    private static io.grpc.ClientInterceptor token(String who) {
        return Bearer.token(RealKeycloak.get().passwordToken(who, "demo-password"));
    }

    private static CreateCommissionRequest create(String id) {
        return CreateCommissionRequest.newBuilder().setCommissionId(id)
                .setCommission(Commission.newBuilder().setDisplayName("Commission in " + id)).build();
    }

    private static CreateCommissionRequest hostedBy(String id, String... hosts) {
        return CreateCommissionRequest.newBuilder().setCommissionId(id)
                .setCommission(Commission.newBuilder().setDisplayName("Commission in " + id).addAllHostOrganizations(List.of(hosts)))
                .build();
    }

    private static GetCommissionRequest get(String name) {
        return GetCommissionRequest.newBuilder().setName(name).build();
    }

    private static ArchiveCommissionRequest archive(String name, String reason) {
        return ArchiveCommissionRequest.newBuilder().setName(name).setReason(reason).build();
    }

    private static UpdateScopeStatementRequest scopeChange(String open) {
        return UpdateScopeStatementRequest.newBuilder()
                .setScopeStatement(ScopeStatement.newBuilder().setName(LEEDS + "/scopeStatement").setOpenToCoProduction(open))
                .setUpdateMask(FieldMask.newBuilder().addPaths("open_to_co_production"))
                .build();
    }
}
