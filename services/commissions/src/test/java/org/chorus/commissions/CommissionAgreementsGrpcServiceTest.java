package org.chorus.commissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.testrig.GrpcAssertions.assertStatus;
import static org.chorus.testrig.GrpcAssertions.violations;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import com.google.type.Date;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chorus.commissions.v1.CancelSessionRequest;
import org.chorus.commissions.v1.Commission;
import org.chorus.commissions.v1.CommissionEvent;
import org.chorus.commissions.v1.CommissionEventsServiceGrpc;
import org.chorus.commissions.v1.CommissionGroundRulesServiceGrpc.CommissionGroundRulesServiceBlockingStub;
import org.chorus.commissions.v1.CommissionGroundRulesServiceGrpc;
import org.chorus.commissions.v1.CommissionInvitationsServiceGrpc.CommissionInvitationsServiceBlockingStub;
import org.chorus.commissions.v1.CommissionInvitationsServiceGrpc;
import org.chorus.commissions.v1.CommissionPracticalDecisionsServiceGrpc.CommissionPracticalDecisionsServiceBlockingStub;
import org.chorus.commissions.v1.CommissionPracticalDecisionsServiceGrpc;
import org.chorus.commissions.v1.CommissionSessionsServiceGrpc;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.commissions.v1.CreateCommissionRequest;
import org.chorus.commissions.v1.CreateInvitationRequest;
import org.chorus.commissions.v1.CreatePracticalDecisionRequest;
import org.chorus.commissions.v1.CreateSessionRequest;
import org.chorus.commissions.v1.GetGroundRulesRequest;
import org.chorus.commissions.v1.GetInvitationRequest;
import org.chorus.commissions.v1.GetPracticalDecisionRequest;
import org.chorus.commissions.v1.GroundRules;
import org.chorus.commissions.v1.Invitation;
import org.chorus.commissions.v1.ListGroundRulesRevisionsRequest;
import org.chorus.commissions.v1.ListGroundRulesRevisionsResponse;
import org.chorus.commissions.v1.ListInvitationsRequest;
import org.chorus.commissions.v1.ListPracticalDecisionsRequest;
import org.chorus.commissions.v1.ListPracticalDecisionsResponse;
import org.chorus.commissions.v1.PracticalDecision;
import org.chorus.commissions.v1.ReplyToInvitationRequest;
import org.chorus.commissions.v1.Session;
import org.chorus.commissions.v1.UpdateGroundRulesRequest;
import org.chorus.commissions.v1.UpdatePracticalDecisionRequest;
import org.chorus.commissions.v1.WatchEventsRequest;
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
 * Ground rules, practical decisions and invitations over the in-process gRPC transport, on a real
 * PostgreSQL with real Keycloak tokens: dev facilitates leeds, sam is a member there, priya is a
 * member of salford, amara coordinates the network. Who is in a commission comes from membership's
 * {@code ListRoleGrants}, answered here by {@link MembershipStandIn}.
 */
@SpringBootTest
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "commissions")
@UseRealKeycloak
@Import(MembershipStandIn.class)
class CommissionAgreementsGrpcServiceTest {

    static final String LEEDS = "commissions/leeds";
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Autowired
    GrpcChannelFactory channels;

    final JdbcClient owner = JdbcClient.create(RealPostgres.get().ownerDataSource("commissions"));

    @BeforeEach
    void freshLeedsAndSalford() {
        owner.sql("TRUNCATE network.commission_provisioning, network.commission, network.create_request").update();
        owner.sql("DROP SCHEMA IF EXISTS commission_leeds CASCADE").update();
        owner.sql("DROP SCHEMA IF EXISTS commission_salford CASCADE").update();
        var registry = CommissionsServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token("amara"));
        for (String id : List.of("leeds", "salford")) {
            registry.createCommission(CreateCommissionRequest.newBuilder().setCommissionId(id)
                    .setCommission(Commission.newBuilder().setDisplayName("Commission in " + id)).build());
        }
        MembershipStandIn.reset();
        MembershipStandIn.grant("leeds", CommissionGatheringsGrpcServiceTest.subject("sam"));
        MembershipStandIn.grant("leeds", "person-without-a-phone");
        MembershipStandIn.grant("salford", CommissionGatheringsGrpcServiceTest.subject("priya"));
    }

    // ---- ground rules ----

    @Test
    void groundRulesStartEmptyEachVersionIsKeptWithTheDayAndHowTheGroupAgreed() {
        GroundRules empty = groundRules("sam").getGroundRules(GetGroundRulesRequest.newBuilder().setName(LEEDS + "/groundRules").build());
        assertThat(empty.getRulesList()).isEmpty();
        assertThat(empty.getRevisionId()).isEqualTo("0");

        GroundRules first = groundRules("dev").updateGroundRules(updateRules(empty.getEtag(),
                List.of("What is said in the room stays in the room", "Everyone gets a turn, nobody has to take it"),
                TODAY.minusDays(7), "We went round the circle and everyone said yes."));
        assertThat(first.getRevisionId()).isEqualTo("1");
        assertThat(first.getRulesList()).containsExactly("What is said in the room stays in the room",
                "Everyone gets a turn, nobody has to take it");
        assertThat(first.getAgreedOn()).isEqualTo(date(TODAY.minusDays(7)));
        assertThat(first.getUpdatedBy()).isEqualTo(CommissionGatheringsGrpcServiceTest.subject("dev"));

        GroundRules second = groundRules("amara").updateGroundRules(updateRules(first.getEtag(),
                List.of("What is said in the room stays in the room", "Everyone gets a turn, nobody has to take it",
                        "Phones on quiet"), TODAY, "Added at the second session, by a show of hands."));
        assertThat(groundRules("sam").getGroundRules(GetGroundRulesRequest.newBuilder().setName(LEEDS + "/groundRules").build()))
                .isEqualTo(second);

        ListGroundRulesRevisionsResponse page1 = groundRules("sam").listGroundRulesRevisions(ListGroundRulesRevisionsRequest.newBuilder()
                .setName(LEEDS + "/groundRules").setPageSize(1).build());
        assertThat(page1.getGroundRulesList()).extracting(GroundRules::getName).containsExactly(LEEDS + "/groundRules@2");
        ListGroundRulesRevisionsResponse page2 = groundRules("sam").listGroundRulesRevisions(ListGroundRulesRevisionsRequest.newBuilder()
                .setName(LEEDS + "/groundRules").setPageSize(1).setPageToken(page1.getNextPageToken()).build());
        assertThat(page2.getGroundRulesList()).extracting(GroundRules::getHowAgreed)
                .containsExactly("We went round the circle and everyone said yes.");
        assertThat(page2.getNextPageToken()).isEmpty();

        assertThat(events(LEEDS)).extracting(CommissionEvent::getType).containsExactly("ground_rules.updated", "ground_rules.updated");
        assertThat(events(LEEDS).getLast().getPayload().getFieldsOrThrow("rules").getListValue().getValuesCount()).isEqualTo(3);
    }

    @Test
    void badGroundRulesAreRefusedAndAStaleEtagIsAborted() {
        assertThatThrownBy(() -> groundRules("dev").updateGroundRules(UpdateGroundRulesRequest.newBuilder()
                .setGroundRules(GroundRules.newBuilder().setName(LEEDS + "/groundRules").addRules("Be kind"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("rules")).build()))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_GROUND_RULES");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField)
                            .containsExactlyInAnyOrder("ground_rules.agreed_on", "ground_rules.how_agreed");
                });
        assertThatThrownBy(() -> groundRules("dev").updateGroundRules(updateRules("", List.of("x".repeat(501)), TODAY, "Agreed.")))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_GROUND_RULES");
                    assertThat(violations(e)).singleElement().satisfies(v -> {
                        assertThat(v.getField()).isEqualTo("ground_rules.rules[0]");
                        assertThat(v.getDescription()).isEqualTo("Rule 1 must be 500 characters or fewer.");
                    });
                });
        assertThatThrownBy(() -> groundRules("dev").updateGroundRules(updateRules("", List.of("Be kind"), TODAY.plusDays(3), "Agreed.")))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_GROUND_RULES"));
        assertThatThrownBy(() -> groundRules("dev").updateGroundRules(UpdateGroundRulesRequest.newBuilder()
                .setGroundRules(GroundRules.newBuilder().setName(LEEDS + "/groundRule").addRules("Be kind")).build()))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_NAME");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly("ground_rules.name");
                });
        assertThatThrownBy(() -> groundRules("sam").updateGroundRules(updateRules("", List.of("Be kind"), TODAY, "Agreed.")))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> groundRules("priya").getGroundRules(GetGroundRulesRequest.newBuilder().setName(LEEDS + "/groundRules").build()))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));

        GroundRules first = groundRules("dev").updateGroundRules(updateRules("", List.of("Be kind"), TODAY, "Agreed by all."));
        groundRules("dev").updateGroundRules(UpdateGroundRulesRequest.newBuilder()
                .setGroundRules(GroundRules.newBuilder().setName(LEEDS + "/groundRules").setEtag(first.getEtag())
                        .setHowAgreed("Agreed by everyone at the first session."))
                .setUpdateMask(FieldMask.newBuilder().addPaths("how_agreed")).build());
        assertThatThrownBy(() -> groundRules("dev").updateGroundRules(updateRules(first.getEtag(), List.of("Be patient"), TODAY, "Agreed.")))
                .satisfies(e -> assertStatus(e, Status.Code.ABORTED, "STALE_ETAG"));
        assertThat(events(LEEDS)).hasSize(2);
    }

    // ---- practical decisions ----

    @Test
    void decisionsAreRecordedListedByTopicAndChangedWithTheirEarlierWordingInTheFeed() {
        String requestId = UUID.randomUUID().toString();
        PracticalDecision lone = decisions("dev").createPracticalDecision(createDecision(PracticalDecision.Topic.LONE_WORKING,
                "Nobody visits on their own", "Home visits for the commission are done in pairs.", requestId));
        assertThat(lone.getName()).matches(LEEDS + "/practicalDecisions/pd-[0-9a-f]{12}");
        assertThat(lone.getRevisionId()).isEqualTo("1");
        assertThat(lone.getAgreedOn()).isEqualTo(date(TODAY.minusDays(1)));
        assertThat(decisions("dev").createPracticalDecision(createDecision(PracticalDecision.Topic.LONE_WORKING,
                "Nobody visits on their own", "Home visits for the commission are done in pairs.", requestId))).isEqualTo(lone);
        assertThatThrownBy(() -> decisions("dev").createPracticalDecision(createDecision(PracticalDecision.Topic.LONE_WORKING,
                "Somebody else", "Something else.", requestId)))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "REQUEST_ID_REUSED"));

        PracticalDecision safe = decisions("amara").createPracticalDecision(createDecision(PracticalDecision.Topic.SAFEGUARDING,
                "Who to talk to if you are worried", "Talk to Dev or to the project's safeguarding lead.", ""));

        ListPracticalDecisionsResponse all = decisions("sam").listPracticalDecisions(ListPracticalDecisionsRequest.newBuilder()
                .setParent(LEEDS).setPageSize(1).build());
        assertThat(all.getPracticalDecisionsList()).containsExactly(lone);
        assertThat(decisions("sam").listPracticalDecisions(ListPracticalDecisionsRequest.newBuilder().setParent(LEEDS)
                .setPageSize(1).setPageToken(all.getNextPageToken()).build()).getPracticalDecisionsList()).containsExactly(safe);
        assertThat(decisions("sam").listPracticalDecisions(ListPracticalDecisionsRequest.newBuilder().setParent(LEEDS)
                .setTopic(PracticalDecision.Topic.SAFEGUARDING).build()).getPracticalDecisionsList()).containsExactly(safe);
        assertThatThrownBy(() -> decisions("sam").listPracticalDecisions(ListPracticalDecisionsRequest.newBuilder().setParent(LEEDS)
                .setTopic(PracticalDecision.Topic.ETHICS).setPageToken(all.getNextPageToken()).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_PAGE_TOKEN"));

        PracticalDecision changed = decisions("dev").updatePracticalDecision(UpdatePracticalDecisionRequest.newBuilder()
                .setPracticalDecision(PracticalDecision.newBuilder().setName(lone.getName()).setEtag(lone.getEtag())
                        .setDecision("Home visits are done in pairs, and we text the group when we are home."))
                .setUpdateMask(FieldMask.newBuilder().addPaths("decision")).build());
        assertThat(changed.getRevisionId()).isEqualTo("2");
        assertThat(changed.getTitle()).isEqualTo(lone.getTitle());
        assertThat(decisions("sam").getPracticalDecision(GetPracticalDecisionRequest.newBuilder().setName(lone.getName()).build()))
                .isEqualTo(changed);
        assertThatThrownBy(() -> decisions("dev").updatePracticalDecision(UpdatePracticalDecisionRequest.newBuilder()
                .setPracticalDecision(PracticalDecision.newBuilder().setName(lone.getName()).setEtag(lone.getEtag()).setTitle("Old etag"))
                .build()))
                .satisfies(e -> assertStatus(e, Status.Code.ABORTED, "STALE_ETAG"));

        List<CommissionEvent> feed = events(LEEDS);
        assertThat(feed).extracting(CommissionEvent::getType)
                .containsExactly("practical_decision.recorded", "practical_decision.recorded", "practical_decision.updated");
        assertThat(feed.getFirst().getPayload().getFieldsOrThrow("decision").getStringValue())
                .isEqualTo("Home visits for the commission are done in pairs.");
        assertThat(feed.getLast().getPayload().getFieldsOrThrow("revision_id").getStringValue()).isEqualTo("2");
    }

    @Test
    void badDecisionsAreRefusedInPlainWords() {
        assertThatThrownBy(() -> decisions("dev").createPracticalDecision(CreatePracticalDecisionRequest.newBuilder().setParent(LEEDS)
                .setPracticalDecision(PracticalDecision.newBuilder().setTitle("t".repeat(201)).setDecision("")).build()))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_PRACTICAL_DECISION");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactlyInAnyOrder(
                            "practical_decision.topic", "practical_decision.title", "practical_decision.decision",
                            "practical_decision.agreed_by", "practical_decision.agreed_on");
                });
        assertThatThrownBy(() -> decisions("sam").createPracticalDecision(createDecision(PracticalDecision.Topic.RISK, "Mine", "Mine.", "")))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> decisions("dev").createPracticalDecision(createDecision(PracticalDecision.Topic.RISK, "Risk", "Risk.", "not-a-uuid")))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST_ID"));
        assertThatThrownBy(() -> decisions("dev").getPracticalDecision(GetPracticalDecisionRequest.newBuilder()
                .setName(LEEDS + "/practicalDecisions/Not Valid").build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_NAME"));
        assertThatThrownBy(() -> decisions("dev").getPracticalDecision(GetPracticalDecisionRequest.newBuilder()
                .setName(LEEDS + "/practicalDecisions/pd-00000000").build()))
                .satisfies(e -> assertStatus(e, Status.Code.NOT_FOUND, "NO_PRACTICAL_DECISION"));
        PracticalDecision risk = decisions("dev").createPracticalDecision(createDecision(PracticalDecision.Topic.RISK, "Risk", "Risk.", ""));
        assertThatThrownBy(() -> decisions("dev").updatePracticalDecision(UpdatePracticalDecisionRequest.newBuilder()
                .setPracticalDecision(PracticalDecision.newBuilder().setName(risk.getName()).setTitle("New"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("created_by")).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_UPDATE_MASK"));
        assertThat(events(LEEDS)).hasSize(1);
    }

    // ---- invitations ----

    @Test
    void aFacilitatorInvitesPeopleInTheCommissionAndEachRepliesOrIsRepliedFor() {
        Session coming = comingSession();
        String sam = CommissionGatheringsGrpcServiceTest.subject("sam");
        String requestId = UUID.randomUUID().toString();

        Invitation samInvited = invitations("dev").createInvitation(invite(coming.getName(), sam, requestId));
        assertThat(samInvited.getName()).isEqualTo(coming.getName() + "/invitations/" + sam);
        assertThat(samInvited.getReply()).isEqualTo(Invitation.Reply.NO_REPLY_YET);
        assertThat(invitations("dev").createInvitation(invite(coming.getName(), sam, requestId))).isEqualTo(samInvited);
        assertThatThrownBy(() -> invitations("dev").createInvitation(invite(coming.getName(), "person-without-a-phone", requestId)))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "REQUEST_ID_REUSED"));
        Invitation noPhone = invitations("dev").createInvitation(invite(coming.getName(), "person-without-a-phone", ""));
        assertThatThrownBy(() -> invitations("dev").createInvitation(invite(coming.getName(), sam, "")))
                .satisfies(e -> assertStatus(e, Status.Code.ALREADY_EXISTS, "ALREADY_INVITED"));

        Invitation samReplied = invitations("sam").replyToInvitation(reply(samInvited.getName(), Invitation.Reply.COMING, ""));
        assertThat(samReplied.getReply()).isEqualTo(Invitation.Reply.COMING);
        assertThat(samReplied.getRepliedBy()).isEqualTo(sam);
        assertThat(samReplied.getRepliedOnBehalf()).isFalse();
        Invitation forNoPhone = invitations("dev").replyToInvitation(reply(noPhone.getName(), Invitation.Reply.NOT_SURE_YET, noPhone.getEtag()));
        assertThat(forNoPhone.getRepliedOnBehalf()).isTrue();
        assertThat(forNoPhone.getRepliedBy()).isEqualTo(CommissionGatheringsGrpcServiceTest.subject("dev"));
        assertThat(invitations("sam").replyToInvitation(reply(samInvited.getName(), Invitation.Reply.COMING, ""))).isEqualTo(samReplied);
        assertThatThrownBy(() -> invitations("sam").replyToInvitation(reply(samInvited.getName(), Invitation.Reply.NOT_COMING,
                samInvited.getEtag())))
                .satisfies(e -> assertStatus(e, Status.Code.ABORTED, "STALE_ETAG"));

        assertThat(invitations("dev").listInvitations(ListInvitationsRequest.newBuilder().setParent(coming.getName()).build())
                .getInvitationsList()).extracting(Invitation::getReply)
                .containsExactlyInAnyOrder(Invitation.Reply.COMING, Invitation.Reply.NOT_SURE_YET);
        assertThat(invitations("sam").listInvitations(ListInvitationsRequest.newBuilder().setParent(coming.getName()).build())
                .getInvitationsList()).containsExactly(samReplied);
        assertThat(invitations("sam").getInvitation(GetInvitationRequest.newBuilder().setName(samInvited.getName()).build()))
                .isEqualTo(samReplied);
        assertThatThrownBy(() -> invitations("sam").getInvitation(GetInvitationRequest.newBuilder().setName(noPhone.getName()).build()))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));

        assertThat(events(LEEDS)).extracting(CommissionEvent::getType).containsExactly("session.created",
                "session.invitation_sent", "session.invitation_sent", "session.invitation_replied", "session.invitation_replied");
        assertThat(events(LEEDS).getLast().getPayload().getFieldsOrThrow("reply").getStringValue()).isEqualTo("NOT_SURE_YET");
    }

    @Test
    void invitingSomeoneNotInTheCommissionOrReplyingToAnInvitationYouDoNotHaveIsRefused() {
        Session coming = comingSession();
        String sam = CommissionGatheringsGrpcServiceTest.subject("sam");
        String priya = CommissionGatheringsGrpcServiceTest.subject("priya");

        assertThatThrownBy(() -> invitations("dev").createInvitation(invite(coming.getName(), priya, "")))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.FAILED_PRECONDITION, "NOT_IN_COMMISSION");
                    assertThat(e).hasMessageContaining("does not hold a role in this commission");
                });
        assertThatThrownBy(() -> invitations("dev").createInvitation(invite(coming.getName(), "Not A Person!", "")))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_INVITATION");
                    assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly("invitation.member");
                });
        assertThatThrownBy(() -> invitations("sam").createInvitation(invite(coming.getName(), sam, "")))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));

        assertThatThrownBy(() -> invitations("sam").replyToInvitation(reply(coming.getName() + "/invitations/" + sam,
                Invitation.Reply.COMING, "")))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.NOT_FOUND, "NO_INVITATION");
                    assertThat(e).hasMessageContaining("You have not been invited to this session");
                });
        invitations("dev").createInvitation(invite(coming.getName(), "person-without-a-phone", ""));
        assertThatThrownBy(() -> invitations("sam").replyToInvitation(reply(coming.getName() + "/invitations/person-without-a-phone",
                Invitation.Reply.NOT_COMING, "")))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> invitations("dev").replyToInvitation(reply(coming.getName() + "/invitations/person-without-a-phone",
                Invitation.Reply.REPLY_UNSPECIFIED, "")))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_REPLY"));
        assertThatThrownBy(() -> invitations("dev").replyToInvitation(reply(LEEDS + "/sessions/s-1/invitations/a/b",
                Invitation.Reply.COMING, "")))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_NAME"));

        CommissionSessionsServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token("dev"))
                .cancelSession(CancelSessionRequest.newBuilder().setName(coming.getName()).setReason("The hall is closed.").build());
        assertThatThrownBy(() -> invitations("dev").replyToInvitation(reply(coming.getName() + "/invitations/person-without-a-phone",
                Invitation.Reply.COMING, "")))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "SESSION_CANCELLED"));
        assertThat(events(LEEDS)).extracting(CommissionEvent::getType)
                .containsExactly("session.created", "session.invitation_sent", "session.cancelled");
    }

    @Test
    void whenMembershipCannotBeAskedNothingIsWrittenAndTheCallerIsToldToTryAgain() {
        Session coming = comingSession();
        MembershipStandIn.failWith = Status.UNAVAILABLE;
        assertThatThrownBy(() -> invitations("dev").createInvitation(invite(coming.getName(), "person-without-a-phone", "")))
                .satisfies(e -> {
                    assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(Status.fromThrowable(e).getDescription())
                            .isEqualTo("We could not check who is in the commission just now. Please try again in a minute.");
                });
        // Membership not knowing the commission at all means nobody holds a role in it there.
        MembershipStandIn.failWith = Status.NOT_FOUND;
        assertThatThrownBy(() -> invitations("dev").createInvitation(invite(coming.getName(), "person-without-a-phone", "")))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "NOT_IN_COMMISSION"));
        assertThat(events(LEEDS)).extracting(CommissionEvent::getType).containsExactly("session.created");
    }

    private Session comingSession() {
        Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        return CommissionSessionsServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token("dev"))
                .createSession(CreateSessionRequest.newBuilder().setParent(LEEDS)
                        .setSession(CommissionGatheringsGrpcServiceTest.session("Tea and talk", start, start.plus(Duration.ofHours(2))))
                        .build());
    }

    private static CreateInvitationRequest invite(String session, String member, String requestId) {
        return CreateInvitationRequest.newBuilder().setParent(session).setInvitation(Invitation.newBuilder().setMember(member))
                .setRequestId(requestId).build();
    }

    private static ReplyToInvitationRequest reply(String name, Invitation.Reply reply, String etag) {
        return ReplyToInvitationRequest.newBuilder().setName(name).setReply(reply).setEtag(etag).build();
    }

    private static UpdateGroundRulesRequest updateRules(String etag, List<String> rules, LocalDate agreedOn, String how) {
        return UpdateGroundRulesRequest.newBuilder()
                .setGroundRules(GroundRules.newBuilder().setName(LEEDS + "/groundRules").setEtag(etag).addAllRules(rules)
                        .setAgreedOn(date(agreedOn)).setHowAgreed(how))
                .setUpdateMask(FieldMask.newBuilder().addPaths("*"))
                .build();
    }

    private static CreatePracticalDecisionRequest createDecision(PracticalDecision.Topic topic, String title, String decision, String requestId) {
        return CreatePracticalDecisionRequest.newBuilder().setParent(LEEDS).setRequestId(requestId)
                .setPracticalDecision(PracticalDecision.newBuilder().setTopic(topic).setTitle(title).setDecision(decision)
                        .setAgreedBy("Everyone at the session").setAgreedOn(date(TODAY.minusDays(1))))
                .build();
    }

    private static Date date(LocalDate day) {
        return Date.newBuilder().setYear(day.getYear()).setMonth(day.getMonthValue()).setDay(day.getDayOfMonth()).build();
    }

    private List<CommissionEvent> events(String commission) {
        List<CommissionEvent> read = new ArrayList<>();
        CommissionEventsServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token("amara"))
                .watchEvents(WatchEventsRequest.newBuilder().setParent(commission).build())
                .forEachRemaining(read::add);
        return read;
    }

    private CommissionGroundRulesServiceBlockingStub groundRules(String who) {
        return CommissionGroundRulesServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token(who));
    }

    private CommissionPracticalDecisionsServiceBlockingStub decisions(String who) {
        return CommissionPracticalDecisionsServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token(who));
    }

    private CommissionInvitationsServiceBlockingStub invitations(String who) {
        return CommissionInvitationsServiceGrpc.newBlockingStub(channels.createChannel("commissions")).withInterceptors(token(who));
    }

    private static io.grpc.ClientInterceptor token(String who) {
        return Bearer.token(RealKeycloak.get().passwordToken(who, "demo-password"));
    }
}
