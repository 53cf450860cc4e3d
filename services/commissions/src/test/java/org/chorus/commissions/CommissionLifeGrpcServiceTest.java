package org.chorus.commissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.testrig.GrpcAssertions.assertStatus;
import static org.chorus.testrig.GrpcAssertions.violations;

import com.google.protobuf.FieldMask;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chorus.commissions.v1.Commission;
import org.chorus.commissions.v1.CommissionEvent;
import org.chorus.commissions.v1.CommissionEventsServiceGrpc;
import org.chorus.commissions.v1.CommissionPhasesServiceGrpc.CommissionPhasesServiceBlockingStub;
import org.chorus.commissions.v1.CommissionPhasesServiceGrpc;
import org.chorus.commissions.v1.CommissionScopeServiceGrpc.CommissionScopeServiceBlockingStub;
import org.chorus.commissions.v1.CommissionScopeServiceGrpc;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.commissions.v1.CreateCommissionRequest;
import org.chorus.commissions.v1.GetPhaseModelRequest;
import org.chorus.commissions.v1.GetScopeStatementRequest;
import org.chorus.commissions.v1.ListPhaseTransitionsRequest;
import org.chorus.commissions.v1.ListScopeStatementRevisionsRequest;
import org.chorus.commissions.v1.MovePhaseRequest;
import org.chorus.commissions.v1.Phase;
import org.chorus.commissions.v1.PhaseModel;
import org.chorus.commissions.v1.PhaseMoved;
import org.chorus.commissions.v1.PhaseTransition;
import org.chorus.commissions.v1.ScopeStatement;
import org.chorus.commissions.v1.UpdatePhaseModelRequest;
import org.chorus.commissions.v1.UpdateScopeStatementRequest;
import org.chorus.commissions.v1.WatchEventsRequest;
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
 * A commission's life — phases, scope statement and event feed — over the in-process gRPC transport,
 * on a real PostgreSQL (each commission in its own schema) with real Keycloak tokens. The demo
 * people hold roles in {@code leeds} and {@code salford}: dev facilitates leeds, sam is a member
 * there, jo facilitates salford; amara coordinates the network.
 */
@SpringBootTest
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "commissions")
@UseRealKeycloak
class CommissionLifeGrpcServiceTest {

    static final String LEEDS = "commissions/leeds";
    static final String SALFORD = "commissions/salford";

    @Autowired
    GrpcChannelFactory channels;

    final JdbcClient owner = JdbcClient.create(RealPostgres.get().ownerDataSource("commissions"));

    @BeforeEach
    void freshLeedsAndSalford() {
        owner.sql("TRUNCATE network.commission_provisioning, network.commission, network.create_request").update();
        // Each commission's schema outlives the registry rows; drop it so the commission starts new.
        owner.sql("DROP SCHEMA IF EXISTS commission_leeds CASCADE").update();
        owner.sql("DROP SCHEMA IF EXISTS commission_salford CASCADE").update();
        var registry = CommissionsServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token("amara"));
        for (String id : List.of("leeds", "salford")) {
            registry.createCommission(CreateCommissionRequest.newBuilder().setCommissionId(id)
                    .setCommission(Commission.newBuilder().setDisplayName("Commission in " + id)).build());
        }
    }

    // ---- phases ----

    @Test
    void aNewCommissionIsInEngagementOfTheUsualFourAndEveryMemberCanSeeIt() {
        PhaseModel model = phases("sam").getPhaseModel(getModel(LEEDS));

        assertThat(model.getName()).isEqualTo(LEEDS + "/phaseModel");
        assertThat(model.getPhasesList()).extracting(Phase::getDisplayName)
                .containsExactly("Engagement", "Exploration", "Experimentation", "Embedding");
        assertThat(model.getCurrentPhase()).isEqualTo("Engagement");
        assertThat(model.getPhasesFixed()).isFalse();
        assertThat(model.getEtag()).isNotEmpty();
    }

    @Test
    void movingOnRecordsWhenWhoAndWhyAndTheHistoryIsListed() {
        PhaseTransition moved = phases("dev").movePhase(move(LEEDS, "Exploration", "We know our stories now. Time to invite others in."));

        assertThat(moved.getName()).isEqualTo(LEEDS + "/phaseTransitions/1");
        assertThat(moved.getFromPhase()).isEqualTo("Engagement");
        assertThat(moved.getToPhase()).isEqualTo("Exploration");
        assertThat(moved.getDirection()).isEqualTo(PhaseTransition.Direction.FORWARD);
        assertThat(moved.getReason()).isEqualTo("We know our stories now. Time to invite others in.");
        assertThat(moved.getDecidedBy()).isNotBlank();
        assertThat(moved.getMoveTime().getSeconds()).isPositive();

        PhaseModel model = phases("sam").getPhaseModel(getModel(LEEDS));
        assertThat(model.getCurrentPhase()).isEqualTo("Exploration");
        assertThat(model.getPhasesFixed()).isTrue();
        assertThat(phases("sam").listPhaseTransitions(ListPhaseTransitionsRequest.newBuilder().setParent(LEEDS).build())
                .getPhaseTransitionsList()).containsExactly(moved);
    }

    @Test
    void skippingAPhaseIsRefusedWithAPlainMessageAndNothingIsWritten() {
        assertThatThrownBy(() -> phases("dev").movePhase(move(LEEDS, "Experimentation", "Let's get going.")))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.FAILED_PRECONDITION, "PHASE_SKIPPED");
                    assertThat(e.getMessage()).contains("Phases cannot be skipped").contains("Exploration");
                });
        assertThat(phases("dev").getPhaseModel(getModel(LEEDS)).getCurrentPhase()).isEqualTo("Engagement");
        assertThat(phases("dev").listPhaseTransitions(ListPhaseTransitionsRequest.newBuilder().setParent(LEEDS).build())
                .getPhaseTransitionsList()).isEmpty();
        assertThat(events("amara", LEEDS, 0)).isEmpty();
    }

    @Test
    void goingBackNeedsAReasonAndIsRecordedAsGoingBack() {
        phases("dev").movePhase(move(LEEDS, "Exploration", "Ready."));

        assertThatThrownBy(() -> phases("dev").movePhase(move(LEEDS, "Engagement", "  ")))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_PHASE_MOVE");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly("reason");
                });
        PhaseTransition back = phases("dev").movePhase(move(LEEDS, "Engagement", "New members joined; we need time together first."));

        assertThat(back.getDirection()).isEqualTo(PhaseTransition.Direction.BACK);
        assertThat(back.getName()).isEqualTo(LEEDS + "/phaseTransitions/2");
        assertThat(phases("sam").getPhaseModel(getModel(LEEDS)).getCurrentPhase()).isEqualTo("Engagement");
    }

    @Test
    void aMoveWithAStaleEtagIsAborted() {
        String etag = phases("dev").getPhaseModel(getModel(LEEDS)).getEtag();
        phases("amara").movePhase(move(LEEDS, "Exploration", "Agreed at the March gathering.").toBuilder().setEtag(etag).build());

        assertThatThrownBy(() -> phases("dev").movePhase(
                move(LEEDS, "Experimentation", "Agreed.").toBuilder().setEtag(etag).build()))
                .satisfies(e -> assertStatus(e, Status.Code.ABORTED, "STALE_ETAG"));
        assertThat(phases("dev").getPhaseModel(getModel(LEEDS)).getCurrentPhase()).isEqualTo("Exploration");
    }

    @Test
    void aMemberCannotMoveAPhaseAndSalfordsFacilitatorCannotTouchLeeds() {
        assertThatThrownBy(() -> phases("sam").movePhase(move(LEEDS, "Exploration", "I think we are ready.")))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> phases("sam").updatePhaseModel(renameTo(LEEDS, "Listen", "Act")))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> phases("jo").movePhase(move(LEEDS, "Exploration", "Ready.")))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> phases("jo").updatePhaseModel(renameTo(LEEDS, "Listen", "Act")))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> phases("jo").getPhaseModel(getModel(LEEDS)))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> scope("jo").updateScopeStatement(scopeChange(LEEDS, "Everything", null)))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));

        assertThat(phases("jo").movePhase(move(SALFORD, "Exploration", "Ready.")).getToPhase()).isEqualTo("Exploration");
        assertThat(phases("amara").getPhaseModel(getModel(LEEDS)).getCurrentPhase()).isEqualTo("Engagement");
        assertThat(events("amara", LEEDS, 0)).isEmpty();
    }

    @Test
    void phasesCanBeChangedBeforeTheFirstMoveOnly() {
        PhaseModel renamed = phases("dev").updatePhaseModel(renameTo(LEEDS, "Getting to know each other", "Listening", "Trying things"));

        assertThat(renamed.getPhasesList()).extracting(Phase::getDisplayName)
                .containsExactly("Getting to know each other", "Listening", "Trying things");
        assertThat(renamed.getCurrentPhase()).isEqualTo("Getting to know each other");
        phases("dev").movePhase(move(LEEDS, "listening", "We are ready to listen to others."));

        assertThatThrownBy(() -> phases("dev").updatePhaseModel(renameTo(LEEDS, "A", "B")))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "PHASES_FIXED"));
        assertThat(phases("dev").getPhaseModel(getModel(LEEDS)).getPhasesCount()).isEqualTo(3);
    }

    @Test
    void badPhasesAndBadNamesAreRefusedWithEveryFieldViolation() {
        assertThatThrownBy(() -> phases("dev").updatePhaseModel(renameTo(LEEDS, "Listen", "listen", "x".repeat(61))))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_PHASE_MODEL");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField)
                            .containsExactly("phase_model.phases[1].display_name", "phase_model.phases[2].display_name");
                });
        assertThatThrownBy(() -> phases("dev").movePhase(move(LEEDS, "Exploration", "x".repeat(2001))))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_PHASE_MOVE"));
        assertThatThrownBy(() -> phases("dev").getPhaseModel(GetPhaseModelRequest.newBuilder().setName(LEEDS + "/phases").build()))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_NAME");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly("name");
                });
        assertThatThrownBy(() -> phases("dev").updatePhaseModel(renameTo(LEEDS, "A", "B").toBuilder()
                .setUpdateMask(FieldMask.newBuilder().addPaths("current_phase")).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_UPDATE_MASK"));
        assertThat(phases("dev").getPhaseModel(getModel(LEEDS)).getPhasesCount()).isEqualTo(4);
    }

    @Test
    void aRetryWithTheSameRequestIdReturnsTheFirstMoveAndAnotherBodyIsRefused() {
        String requestId = UUID.randomUUID().toString();
        PhaseTransition first = phases("dev").movePhase(move(LEEDS, "Exploration", "Ready.").toBuilder().setRequestId(requestId).build());
        PhaseTransition retry = phases("dev").movePhase(move(LEEDS, "Exploration", "Ready.").toBuilder().setRequestId(requestId).build());

        assertThat(retry).isEqualTo(first);
        assertThatThrownBy(() -> phases("dev").movePhase(
                move(LEEDS, "Exploration", "Another reason.").toBuilder().setRequestId(requestId).build()))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "REQUEST_ID_REUSED");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly("request_id");
                });
        assertThat(phases("dev").listPhaseTransitions(ListPhaseTransitionsRequest.newBuilder().setParent(LEEDS).build())
                .getPhaseTransitionsCount()).isEqualTo(1);
    }

    @Test
    void theHistoryIsPagedOldestFirst() {
        var dev = phases("dev");
        dev.movePhase(move(LEEDS, "Exploration", "one"));
        dev.movePhase(move(LEEDS, "Engagement", "two"));
        dev.movePhase(move(LEEDS, "Exploration", "three"));

        List<String> reasons = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            var page = dev.listPhaseTransitions(ListPhaseTransitionsRequest.newBuilder().setParent(LEEDS).setPageSize(2)
                    .setPageToken(token).build());
            page.getPhaseTransitionsList().forEach(t -> reasons.add(t.getReason()));
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());

        assertThat(pages).isEqualTo(2);
        assertThat(reasons).containsExactly("one", "two", "three");
    }

    // ---- scope statement ----

    @Test
    void theScopeStatementStartsEmptyAndEveryChangeIsDatedAndKept() {
        assertThat(scope("sam").getScopeStatement(getScope(LEEDS)).getRevisionId()).isEqualTo("0");

        ScopeStatement first = scope("dev").updateScopeStatement(scopeChange(LEEDS, "How the advice service greets people.",
                "The council's budget for next year."));
        ScopeStatement second = scope("dev").updateScopeStatement(UpdateScopeStatementRequest.newBuilder()
                .setScopeStatement(ScopeStatement.newBuilder().setName(LEEDS + "/scopeStatement")
                        .setReasons("The budget was set in March, by law.").setEtag(first.getEtag()))
                .setUpdateMask(FieldMask.newBuilder().addPaths("reasons"))
                .build());

        assertThat(second.getRevisionId()).isEqualTo("2");
        assertThat(second.getOpenToCoProduction()).isEqualTo("How the advice service greets people.");
        assertThat(second.getReasons()).isEqualTo("The budget was set in March, by law.");
        assertThat(second.getUpdatedBy()).isNotBlank();
        assertThat(second.hasUpdateTime()).isTrue();
        assertThat(scope("sam").getScopeStatement(getScope(LEEDS))).isEqualTo(second);
        assertThat(scope("sam").listScopeStatementRevisions(ListScopeStatementRevisionsRequest.newBuilder()
                        .setName(LEEDS + "/scopeStatement").build()).getScopeStatementsList())
                .extracting(ScopeStatement::getName)
                .containsExactly(LEEDS + "/scopeStatement@2", LEEDS + "/scopeStatement@1");
    }

    @Test
    void aScopeChangeWithAStaleEtagIsAbortedAndMembersCannotChangeIt() {
        ScopeStatement start = scope("dev").getScopeStatement(getScope(LEEDS));
        scope("dev").updateScopeStatement(scopeChange(LEEDS, "The food offer.", null));

        assertThatThrownBy(() -> scope("amara").updateScopeStatement(UpdateScopeStatementRequest.newBuilder()
                .setScopeStatement(ScopeStatement.newBuilder().setName(LEEDS + "/scopeStatement")
                        .setOpenToCoProduction("Something else.").setEtag(start.getEtag())).build()))
                .satisfies(e -> assertStatus(e, Status.Code.ABORTED, "STALE_ETAG"));
        assertThatThrownBy(() -> scope("sam").updateScopeStatement(scopeChange(LEEDS, "Everything!", null)))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThat(scope("sam").getScopeStatement(getScope(LEEDS)).getOpenToCoProduction()).isEqualTo("The food offer.");
    }

    @Test
    void badScopeChangesAreRefusedInPlainWords() {
        assertThatThrownBy(() -> scope("dev").updateScopeStatement(scopeChange(LEEDS, "x".repeat(4001), null)))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_SCOPE_STATEMENT");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField)
                            .containsExactly("scope_statement.open_to_co_production");
                });
        assertThatThrownBy(() -> scope("dev").updateScopeStatement(scopeChange(LEEDS, "ok", null).toBuilder()
                .setUpdateMask(FieldMask.newBuilder().addPaths("updated_by")).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_UPDATE_MASK"));
        assertThat(scope("dev").getScopeStatement(getScope(LEEDS)).getRevisionId()).isEqualTo("0");
    }

    // ---- events ----

    @Test
    void everyChangeIsAnEventInOrderAndReadingResumesAfterACursor() throws Exception {
        phases("dev").movePhase(move(LEEDS, "Exploration", "Ready."));
        scope("dev").updateScopeStatement(scopeChange(LEEDS, "The food offer.", "Opening hours."));
        phases("dev").movePhase(move(LEEDS, "Engagement", "New members."));
        phases("jo").movePhase(move(SALFORD, "Exploration", "Salford is ready."));

        List<CommissionEvent> all = events("amara", LEEDS, 0);
        assertThat(all).extracting(CommissionEvent::getSequence).containsExactly(1L, 2L, 3L);
        assertThat(all).extracting(CommissionEvent::getType).containsExactly("phase.moved", "scope_statement.updated", "phase.moved");
        assertThat(all).extracting(CommissionEvent::getResource).containsExactly(LEEDS + "/phaseTransitions/1",
                LEEDS + "/scopeStatement", LEEDS + "/phaseTransitions/2");
        assertThat(all).allSatisfy(event -> {
            assertThat(event.getName()).isEqualTo(LEEDS + "/events/" + event.getSequence());
            assertThat(event.getActor()).isNotBlank();
            assertThat(event.getEventTime().getSeconds()).isPositive();
        });
        assertThat(all.getFirst().getPayload().getFieldsOrThrow("to_phase").getStringValue()).isEqualTo("Exploration");
        assertThat(all.getFirst().getPayload().getFieldsOrThrow("reason").getStringValue()).isEqualTo("Ready.");

        assertThat(all.getFirst().getTypedPayload().unpack(PhaseMoved.class).getToPhase()).isEqualTo("Exploration");

        assertThat(events("amara", LEEDS, 1)).extracting(CommissionEvent::getSequence).containsExactly(2L, 3L);
        assertThat(events("amara", LEEDS, 3)).isEmpty();
        assertThat(events("amara", SALFORD, 0)).singleElement()
                .satisfies(event -> assertThat(event.getResource()).isEqualTo(SALFORD + "/phaseTransitions/1"));
    }

    @Test
    void theFeedNamesPeopleSoOnlyCoordinatorsAndServicesReadIt() {
        for (String refused : List.of("sam", "dev", "fin")) {
            assertThatThrownBy(() -> events(refused, LEEDS, 0))
                    .as(refused).satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        }
        assertThatThrownBy(() -> events("amara", LEEDS, -1))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_CURSOR"));
    }

    // ---- helpers ----

    private List<CommissionEvent> events(String who, String commission, long after) {
        List<CommissionEvent> read = new ArrayList<>();
        CommissionEventsServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token(who))
                .watchEvents(WatchEventsRequest.newBuilder().setParent(commission).setAfterSequence(after).build())
                .forEachRemaining(read::add);
        return read;
    }

    private CommissionPhasesServiceBlockingStub phases(String who) {
        return CommissionPhasesServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token(who));
    }

    private CommissionScopeServiceBlockingStub scope(String who) {
        return CommissionScopeServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token(who));
    }

    private static io.grpc.ClientInterceptor token(String who) {
        return Bearer.token(RealKeycloak.get().passwordToken(who, "demo-password"));
    }

    private static GetPhaseModelRequest getModel(String commission) {
        return GetPhaseModelRequest.newBuilder().setName(commission + "/phaseModel").build();
    }

    private static GetScopeStatementRequest getScope(String commission) {
        return GetScopeStatementRequest.newBuilder().setName(commission + "/scopeStatement").build();
    }

    private static MovePhaseRequest move(String commission, String phase, String reason) {
        return MovePhaseRequest.newBuilder().setName(commission + "/phaseModel").setPhase(phase).setReason(reason).build();
    }

    private static UpdatePhaseModelRequest renameTo(String commission, String... names) {
        PhaseModel.Builder model = PhaseModel.newBuilder().setName(commission + "/phaseModel");
        for (String name : names) {
            model.addPhases(Phase.newBuilder().setDisplayName(name));
        }
        return UpdatePhaseModelRequest.newBuilder().setPhaseModel(model).build();
    }

    private static UpdateScopeStatementRequest scopeChange(String commission, String open, String notOpen) {
        ScopeStatement.Builder statement = ScopeStatement.newBuilder().setName(commission + "/scopeStatement");
        FieldMask.Builder mask = FieldMask.newBuilder();
        if (open != null) {
            statement.setOpenToCoProduction(open);
            mask.addPaths("open_to_co_production");
        }
        if (notOpen != null) {
            statement.setNotOpenToCoProduction(notOpen);
            mask.addPaths("not_open_to_co_production");
        }
        return UpdateScopeStatementRequest.newBuilder().setScopeStatement(statement).setUpdateMask(mask).build();
    }

}
