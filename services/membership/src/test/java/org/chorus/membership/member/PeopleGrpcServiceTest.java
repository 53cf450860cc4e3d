package org.chorus.membership.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.testrig.GrpcAssertions.assertStatus;
import static org.chorus.testrig.GrpcAssertions.violatedFields;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.chorus.membership.keycloak.KeycloakAdmin;
import org.chorus.membership.v1.AccessNeeds;
import org.chorus.membership.v1.AccessNeedsServiceGrpc.AccessNeedsServiceBlockingStub;
import org.chorus.membership.v1.AccessNeedsServiceGrpc;
import org.chorus.membership.v1.ChangeMemberStateRequest;
import org.chorus.membership.v1.ConsentPurpose;
import org.chorus.membership.v1.ConsentsServiceGrpc.ConsentsServiceBlockingStub;
import org.chorus.membership.v1.ConsentsServiceGrpc;
import org.chorus.membership.v1.CreateMemberRequest;
import org.chorus.membership.v1.CreateRoleGrantRequest;
import org.chorus.membership.v1.EraseMemberRequest;
import org.chorus.membership.v1.ExportMemberDataRequest;
import org.chorus.membership.v1.GetAccessNeedsRequest;
import org.chorus.membership.v1.GetCreditsRequest;
import org.chorus.membership.v1.GetMemberRequest;
import org.chorus.membership.v1.GetRetentionPolicyRequest;
import org.chorus.membership.v1.GiveMemberAccountRequest;
import org.chorus.membership.v1.ListConsentPurposesRequest;
import org.chorus.membership.v1.ListConsentsRequest;
import org.chorus.membership.v1.ListMembersRequest;
import org.chorus.membership.v1.ListPersonalDataReadsRequest;
import org.chorus.membership.v1.Member;
import org.chorus.membership.v1.MembershipServiceGrpc.MembershipServiceBlockingStub;
import org.chorus.membership.v1.MembershipServiceGrpc;
import org.chorus.membership.v1.RecordConsentRequest;
import org.chorus.membership.v1.RetentionPolicy;
import org.chorus.membership.v1.RoleGrant;
import org.chorus.membership.v1.RoleGrantsServiceGrpc;
import org.chorus.membership.v1.SummarizeAccessNeedsRequest;
import org.chorus.membership.v1.UpdateAccessNeedsRequest;
import org.chorus.membership.v1.UpdateMemberRequest;
import org.chorus.membership.v1.UpdateRetentionPolicyRequest;
import org.chorus.platform.protos.ProtoTime;
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
 * The people of a commission over the in-process gRPC transport, on a real PostgreSQL and a real
 * Keycloak: adding someone with no email or phone, invitations, the changes in a person's time with
 * the commission, acting for someone with their agreement, credit, consent, access needs, export and
 * erasure by destroying the person's key. Leeds: dev facilitates, fin is finance, sam is a member;
 * amara coordinates the network.
 */
// The other services are not running here: the system tests export and erase across all of them.
@SpringBootTest(properties = {"chorus.membership.mirror-after=1h", "chorus.membership.retention-after=1h",
        "chorus.membership.personal-data-services="})
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "membership")
@UseRealKeycloak
class PeopleGrpcServiceTest {

    static final String PASSWORD = "demo-password";
    static final String LEEDS = "commissions/leeds";

    @Autowired
    GrpcChannelFactory channels;
    @Autowired
    CommissionSchemaProvisioner schemas;
    @Autowired
    KeycloakAdmin keycloak;
    @Autowired
    MemberService memberService;

    /** As the database owner, to look at what is stored and to empty the tables between tests. */
    final JdbcClient owner = JdbcClient.create(RealPostgres.get().ownerDataSource("membership"));

    @BeforeEach
    void freshCommission() {
        schemas.provision("leeds");
        owner.sql("""
                TRUNCATE commission_leeds.member, commission_leeds.member_state_change, commission_leeds.consent,
                         commission_leeds.access_needs, commission_leeds.personal_data_read, commission_leeds.person_key,
                         commission_leeds.erased_person, commission_leeds.role_grant, commission_leeds.create_request,
                         commission_leeds.retention_policy""").update();
    }

    private MembershipServiceBlockingStub members(String username) {
        return MembershipServiceGrpc.newBlockingStub(channels.createChannel("membership")).withInterceptors(bearer(username));
    }

    private ConsentsServiceBlockingStub consents(String username) {
        return ConsentsServiceGrpc.newBlockingStub(channels.createChannel("membership")).withInterceptors(bearer(username));
    }

    private AccessNeedsServiceBlockingStub needs(String username) {
        return AccessNeedsServiceGrpc.newBlockingStub(channels.createChannel("membership")).withInterceptors(bearer(username));
    }

    private static io.grpc.ClientInterceptor bearer(String username) {
        return Bearer.token(RealKeycloak.get().passwordToken(username, PASSWORD));
    }

    private String subjectOf(String username) {
        return keycloak.realm().users().searchByUsername(username, true).getFirst().getId();
    }

    private static CreateMemberRequest add(Member.Builder member) {
        return CreateMemberRequest.newBuilder().setParent(LEEDS).setMember(member).build();
    }

    /** Sam, a member of Leeds with an account, as a member record: the id is his sign-in subject. */
    private Member sam() {
        return members("dev").createMember(add(Member.newBuilder().setDisplayName("Sam Okafor").setKind(Member.Kind.EXPERT_BY_EXPERIENCE)
                .setAccount(subjectOf("sam")).setCredit(Member.Credit.FIRST_NAME)));
    }

    private ChangeMemberStateRequest change(Member member, Member.Change change) {
        return ChangeMemberStateRequest.newBuilder().setName(member.getName()).setChange(change).build();
    }

    @Test
    void aFacilitatorAddsSomeoneWithNoEmailOrPhoneAndTheirNameIsSealedAtRest() {
        Member added = members("dev").createMember(add(Member.newBuilder().setDisplayName("Rosa Delgado-Finch")
                .setKind(Member.Kind.EXPERT_BY_EXPERIENCE).setCredit(Member.Credit.FULL_NAME)));

        assertThat(added.getState()).isEqualTo(Member.State.ACTIVE);
        assertThat(added.getAccount()).isEmpty();
        assertThat(added.getName()).matches("commissions/leeds/members/[0-9a-f-]{36}");
        assertThat(added.getCreditedAs()).isEqualTo("Rosa Delgado-Finch");
        assertThat(added.getHistory(0).getChange()).isEqualTo(Member.Change.JOIN);
        assertThat(added.getHistory(0).getRecordedBy()).isEqualTo(subjectOf("dev"));
        byte[] stored = owner.sql("SELECT personal FROM commission_leeds.member").query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Rosa").doesNotContain("Delgado");

        Member asCoordinator = members("amara").getMember(GetMemberRequest.newBuilder().setName(added.getName()).build());
        assertThat(asCoordinator.getDisplayName()).as("a coordinator sees how they are credited, not their details").isEmpty();
        assertThat(asCoordinator.getCreditedAs()).isEqualTo("Rosa Delgado-Finch");
        assertThat(members("dev").listMembers(ListMembersRequest.newBuilder().setParent(LEEDS).build()).getMembersList())
                .extracting(Member::getDisplayName).containsExactly("Rosa Delgado-Finch");
    }

    @Test
    void anInvitationWaitsForFirstSignInAndTheSameAddressCannotBeInvitedTwice() {
        String email = "invited-" + System.nanoTime() + "@example.org";
        Member invited = members("dev").createMember(add(Member.newBuilder().setDisplayName("Ines Invited")
                .setKind(Member.Kind.CIVIC_COMMISSIONER).setContact(Member.Contact.newBuilder().setEmail(email))));

        assertThat(invited.getState()).isEqualTo(Member.State.INVITED);
        assertThat(invited.getAccount()).isNotEmpty();
        assertThat(invited.getName()).endsWith("/members/" + invited.getAccount());
        assertThat(keycloak.realm().users().searchByEmail(email, true)).extracting(u -> u.getId()).containsExactly(invited.getAccount());

        assertThatThrownBy(() -> members("dev").createMember(add(Member.newBuilder().setDisplayName("Ines again")
                .setKind(Member.Kind.CIVIC_COMMISSIONER).setContact(Member.Contact.newBuilder().setEmail(email.toUpperCase())))))
                .satisfies(e -> assertStatus(e, Status.Code.ALREADY_EXISTS, "MEMBER_EXISTS"));
        assertThat(owner.sql("SELECT count(*) FROM commission_leeds.member").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void groupsChangeAndTheWholeHistoryIsKeptLeavingEndsRolesAndSkipsAreRefused() {
        Member sam = sam();
        RoleGrantsServiceGrpc.newBlockingStub(channels.createChannel("membership")).withInterceptors(bearer("dev"))
                .createRoleGrant(CreateRoleGrantRequest.newBuilder().setParent(LEEDS)
                        .setRoleGrant(RoleGrant.newBuilder().setPerson(sam.getAccount()).setRole(RoleGrant.Role.VIEWER)).build());

        assertThatThrownBy(() -> members("sam").changeMemberState(change(sam, Member.Change.RETURN)))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "STATE_CHANGE_NOT_ALLOWED"))
                .hasMessageContaining("pause or leave");
        members("sam").changeMemberState(change(sam, Member.Change.PAUSE).toBuilder().setReason("Looking after my mum").build());
        members("sam").changeMemberState(change(sam, Member.Change.RESUME));
        assertThatThrownBy(() -> members("dev").changeMemberState(change(sam, Member.Change.LEAVE)))
                .as("a facilitator acting for someone says they agreed")
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "MEMBER_AGREEMENT_NEEDED"));
        members("dev").changeMemberState(change(sam, Member.Change.LEAVE).toBuilder().setMemberAgreed(true).build());
        assertThat(owner.sql("SELECT count(*) FROM commission_leeds.role_grant WHERE subject = :s AND revoke_time IS NULL")
                .param("s", sam.getAccount()).query(Integer.class).single()).as("leaving ends their roles").isZero();

        Member back = members("dev").changeMemberState(change(sam, Member.Change.RETURN).toBuilder().setMemberAgreed(true).build());

        assertThat(back.getName()).as("the same person").isEqualTo(sam.getName());
        assertThat(back.getState()).isEqualTo(Member.State.ACTIVE);
        assertThat(back.getHistoryList()).extracting(Member.StateChange::getChange).containsExactly(
                Member.Change.JOIN, Member.Change.PAUSE, Member.Change.RESUME, Member.Change.LEAVE, Member.Change.RETURN);
        assertThat(back.getHistory(1).getReason()).isEqualTo("Looking after my mum");
        assertThat(back.getHistory(1).getOnBehalf()).isFalse();
        assertThat(back.getHistory(3).getOnBehalf()).as("recorded for him, and he sees it").isTrue();
        assertThat(back.getHistory(3).getRecordedBy()).isEqualTo(subjectOf("dev"));
    }

    @Test
    void theCreditChoiceIsUsedWhereverANameIsShownAndAChosenNameMustBeGiven() {
        Member sam = sam();
        assertThat(sam.getCreditedAs()).isEqualTo("Sam");

        assertThatThrownBy(() -> members("sam").updateMember(UpdateMemberRequest.newBuilder()
                .setMember(Member.newBuilder().setName(sam.getName()).setCredit(Member.Credit.CHOSEN_NAME)).build()))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("member.chosen_name"));
        Member chosen = members("sam").updateMember(UpdateMemberRequest.newBuilder().setMember(Member.newBuilder().setName(sam.getName())
                .setCredit(Member.Credit.CHOSEN_NAME).setChosenName("Sunny")).build());

        assertThat(chosen.getCreditedAs()).isEqualTo("Sunny");
        assertThat(members("amara").getMember(GetMemberRequest.newBuilder().setName(sam.getName()).build()).getCreditedAs()).isEqualTo("Sunny");
        assertThatThrownBy(() -> members("sam").updateMember(UpdateMemberRequest.newBuilder().setMember(Member.newBuilder()
                .setName(sam.getName()).setKind(Member.Kind.CIVIC_COMMISSIONER)).build()))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> members("dev").updateMember(UpdateMemberRequest.newBuilder().setMember(Member.newBuilder()
                .setName(sam.getName()).setDisplayName("x".repeat(121))).build()))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("member.display_name"));
        assertThat(owner.sql("SELECT count(*) FROM commission_leeds.outbox_event WHERE type = 'member.updated'").query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void theCreditsNameOnlyThoseWhoChoseANameAndAgreedToBeNamedInReports() {
        Member sam = sam();
        Member ada = members("dev").createMember(add(Member.newBuilder().setDisplayName("Ada Lovelace").setKind(Member.Kind.CIVIC_COMMISSIONER)
                .setCredit(Member.Credit.FULL_NAME)));
        Member quiet = members("dev").createMember(add(Member.newBuilder().setDisplayName("Quinn Quiet").setKind(Member.Kind.EXPERT_BY_EXPERIENCE)
                .setCredit(Member.Credit.ANONYMOUS)));
        Member unasked = members("dev").createMember(add(Member.newBuilder().setDisplayName("Una Asked").setKind(Member.Kind.EXPERT_BY_EXPERIENCE)
                .setCredit(Member.Credit.FULL_NAME)));
        for (Member named : List.of(sam, ada, quiet)) {
            consents("dev").recordConsent(RecordConsentRequest.newBuilder().setParent(named.getName()).setPurpose(ConsentPurpose.NAMED_IN_REPORTS)
                    .setGiven(true).setWordingVersion(1).setMemberAgreed(true).build());
        }
        GetCreditsRequest credits = GetCreditsRequest.newBuilder().setName(LEEDS + "/credits").build();

        assertThat(consents("sam").getCredits(credits).getNamesList()).as("Quinn chose not to be named; Una was not asked")
                .containsExactly("Ada Lovelace", "Sam");
        consents("dev").recordConsent(RecordConsentRequest.newBuilder().setParent(ada.getName()).setPurpose(ConsentPurpose.NAMED_IN_REPORTS)
                .setGiven(false).setWordingVersion(1).setMemberAgreed(true).build());
        assertThat(consents("amara").getCredits(credits).getNamesList()).as("Ada took it back").containsExactly("Sam");
        assertThat(unasked.getCreditedAs()).isEqualTo("Una Asked");
        assertThatThrownBy(() -> consents("priya").getCredits(credits)).satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
    }

    @Test
    void consentIsPerPurposeAgainstTheCurrentWordingAndWithdrawingContactDetailsDeletesThemAtOnce() {
        Member sam = members("dev").createMember(add(Member.newBuilder().setDisplayName("Sam Okafor").setKind(Member.Kind.EXPERT_BY_EXPERIENCE)
                .setAccount(subjectOf("sam")).setContact(Member.Contact.newBuilder().setPhone("07700 900123"))));
        var purposes = consents("sam").listConsentPurposes(ListConsentPurposesRequest.getDefaultInstance()).getPurposesList();
        assertThat(purposes).hasSize(7).allSatisfy(p -> assertThat(p.getWording()).isNotBlank());
        RecordConsentRequest keepContact = RecordConsentRequest.newBuilder().setParent(sam.getName())
                .setPurpose(ConsentPurpose.KEEPING_CONTACT_DETAILS).setGiven(true).setWordingVersion(1).build();

        consents("sam").recordConsent(keepContact);
        assertThatThrownBy(() -> consents("sam").recordConsent(keepContact.toBuilder().setWordingVersion(0).build()))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "OLD_CONSENT_WORDING"));
        assertThatThrownBy(() -> consents("sam").recordConsent(keepContact.toBuilder().setPurposeValue(99).build()))
                .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "UNKNOWN_CONSENT_PURPOSE"));
        assertThatThrownBy(() -> consents("dev").recordConsent(keepContact.toBuilder().setGiven(false).build()))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "MEMBER_AGREEMENT_NEEDED"));
        consents("dev").recordConsent(keepContact.toBuilder().setGiven(false).setMemberAgreed(true).build());

        assertThat(members("sam").getMember(GetMemberRequest.newBuilder().setName(sam.getName()).build()).getContact().getPhone())
                .as("withdrawn: deleted at once").isEmpty();
        var history = consents("sam").listConsents(ListConsentsRequest.newBuilder().setParent(sam.getName()).setShowHistory(true).build());
        assertThat(history.getConsentsList()).extracting(c -> c.getGiven() + " " + c.getOnBehalf()).containsExactly("true false", "false true");
        var now = consents("sam").listConsents(ListConsentsRequest.newBuilder().setParent(sam.getName()).build());
        assertThat(now.getConsentsList()).singleElement().satisfies(c -> {
            assertThat(c.getGiven()).isFalse();
            assertThat(c.getName()).isEqualTo(sam.getName() + "/consents/keeping-contact-details");
        });
        assertThat(owner.sql("SELECT type FROM commission_leeds.outbox_event WHERE type LIKE 'consent.%' ORDER BY sequence")
                .query(String.class).list()).containsExactly("consent.given", "consent.withdrawn");
    }

    @Test
    void accessNeedsAreSealedSeenOnlyByThePersonAndFacilitatorsAndEveryOtherReadIsShownToThem() {
        Member sam = sam();
        String name = sam.getName() + "/accessNeeds";
        needs("sam").updateAccessNeeds(UpdateAccessNeedsRequest.newBuilder().setAccessNeeds(AccessNeeds.newBuilder().setName(name)
                .setStepFreeAccess(true).setInterpreter("British Sign Language")).build());

        byte[] stored = owner.sql("SELECT sealed FROM commission_leeds.access_needs").query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("British");
        assertThat(needs("dev").getAccessNeeds(GetAccessNeedsRequest.newBuilder().setName(name).build()).getInterpreter())
                .isEqualTo("British Sign Language");
        for (String other : List.of("amara", "fin")) {
            assertThatThrownBy(() -> needs(other).getAccessNeeds(GetAccessNeedsRequest.newBuilder().setName(name).build()))
                    .as(other).satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        }
        var reads = needs("sam").listPersonalDataReads(ListPersonalDataReadsRequest.newBuilder().setParent(sam.getName()).build());
        assertThat(reads.getReadsList()).extracting(r -> r.getWhat() + " " + r.getReader()).containsExactly("accessNeeds " + subjectOf("dev"));

        var summary = needs("amara").summarizeAccessNeeds(SummarizeAccessNeedsRequest.newBuilder().setParent(LEEDS).build());
        assertThat(summary.getMembersAnswered()).isEqualTo(1);
        assertThat(summary.getStepFreeAccess()).isEqualTo(1);
        assertThat(summary.getInterpreter()).isEqualTo(1);
        assertThat(summary.getHearingLoop()).isZero();
        assertThatThrownBy(() -> needs("sam").updateAccessNeeds(UpdateAccessNeedsRequest.newBuilder().setAccessNeeds(AccessNeeds.newBuilder()
                .setName(name).setOther("y".repeat(501))).build()))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("access_needs.other"));
    }

    @Test
    void aPersonExportsEverythingAndErasureDestroysTheirKeyWhileTheirPlaceInTheCountsStays() {
        Member sam = sam();
        needs("sam").updateAccessNeeds(UpdateAccessNeedsRequest.newBuilder().setAccessNeeds(AccessNeeds.newBuilder()
                .setName(sam.getName() + "/accessNeeds").setQuietRoom(true)).build());
        consents("sam").recordConsent(RecordConsentRequest.newBuilder().setParent(sam.getName())
                .setPurpose(ConsentPurpose.NAMED_IN_REPORTS).setGiven(true).setWordingVersion(1).build());
        members("sam").changeMemberState(change(sam, Member.Change.PAUSE).toBuilder().setReason("Starting a new job").build());

        var export = members("sam").exportMemberData(ExportMemberDataRequest.newBuilder().setName(sam.getName()).build());
        assertThat(export.getHeldList()).extracting(h -> h.getService()).containsExactly("membership");
        assertThat(export.getHeld(0).getJson()).contains("Sam Okafor", "Starting a new job", "quietRoom", "Your name in reports");
        assertThat(export.getDocument()).contains("display name: Sam Okafor", "quiet room: yes");
        assertThatThrownBy(() -> members("fin").exportMemberData(ExportMemberDataRequest.newBuilder().setName(sam.getName()).build()))
                .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));

        Member erased = members("sam").eraseMember(EraseMemberRequest.newBuilder().setName(sam.getName()).build());

        assertThat(erased.getState()).isEqualTo(Member.State.ERASED);
        assertThat(erased.getCreditedAs()).isEmpty();
        Member seen = members("dev").getMember(GetMemberRequest.newBuilder().setName(sam.getName()).build());
        assertThat(seen.getDisplayName()).isEmpty();
        assertThat(seen.getHistoryList()).extracting(Member.StateChange::getReason).containsOnly("");
        assertThat(owner.sql("SELECT count(*) FROM commission_leeds.person_key").query(Integer.class).single()).as("the key is gone").isZero();
        assertThat(owner.sql("SELECT count(*) FROM commission_leeds.access_needs").query(Integer.class).single()).isZero();
        assertThat(owner.sql("SELECT count(*) FROM commission_leeds.member").query(Integer.class).single())
                .as("their place in the counts stays").isEqualTo(1);
        assertThatThrownBy(() -> members("sam").eraseMember(EraseMemberRequest.newBuilder().setName(sam.getName()).build()))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "MEMBER_ERASED"));
        assertThat(owner.sql("SELECT type FROM commission_leeds.outbox_event WHERE resource_name = :n ORDER BY sequence")
                .param("n", sam.getName()).query(String.class).list()).endsWith("member.erased");
    }

    @Test
    void whoLeftLongerAgoThanThePolicySaysIsErasedUnlessTheyAskedToBeKept() {
        assertThatThrownBy(() -> members("dev").updateRetentionPolicy(UpdateRetentionPolicyRequest.newBuilder().setRetentionPolicy(
                RetentionPolicy.newBuilder().setName(LEEDS + "/retentionPolicy").setEraseAfterLeavingDays(10)).build()))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("retention_policy.erase_after_leaving_days"));
        assertThat(members("dev").getRetentionPolicy(GetRetentionPolicyRequest.newBuilder().setName(LEEDS + "/retentionPolicy").build())
                .getEraseAfterLeavingDays()).as("the default").isEqualTo(365);
        members("dev").updateRetentionPolicy(UpdateRetentionPolicyRequest.newBuilder().setRetentionPolicy(
                RetentionPolicy.newBuilder().setName(LEEDS + "/retentionPolicy").setEraseAfterLeavingDays(30)).build());
        Member gone = leftDaysAgo("Lena Left", 40);
        Member kept = leftDaysAgo("Kit Kept", 40);
        consents("dev").recordConsent(RecordConsentRequest.newBuilder().setParent(kept.getName())
                .setPurpose(ConsentPurpose.KEEPING_DETAILS_AFTER_LEAVING).setGiven(true).setWordingVersion(1).setMemberAgreed(true).build());
        Member recent = leftDaysAgo("Rae Recent", 5);

        assertThat(memberService.eraseAfterRetention("leeds")).isEqualTo(1);

        assertThat(members("dev").getMember(GetMemberRequest.newBuilder().setName(gone.getName()).build()).getState())
                .isEqualTo(Member.State.ERASED);
        for (Member stays : List.of(kept, recent)) {
            assertThat(members("dev").getMember(GetMemberRequest.newBuilder().setName(stays.getName()).build()).getDisplayName())
                    .isEqualTo(stays.getDisplayName());
        }
    }

    private Member leftDaysAgo(String name, int days) {
        Member added = members("dev").createMember(add(Member.newBuilder().setDisplayName(name).setKind(Member.Kind.EXPERT_BY_EXPERIENCE)));
        return members("dev").changeMemberState(change(added, Member.Change.LEAVE).toBuilder().setMemberAgreed(true)
                .setEffectiveDate(ProtoTime.date(LocalDate.now(ZoneOffset.UTC).minusDays(days))).build());
    }

    @Test
    void someoneAddedWithoutAnAccountIsGivenOneAndKeepsTheirId() {
        Member gina = members("dev").createMember(add(Member.newBuilder().setDisplayName("Gina Given").setKind(Member.Kind.EXPERT_BY_EXPERIENCE)));
        consents("dev").recordConsent(RecordConsentRequest.newBuilder().setParent(gina.getName())
                .setPurpose(ConsentPurpose.NEWS_BY_EMAIL).setGiven(true).setWordingVersion(1).setMemberAgreed(true).build());
        String email = "gina-" + System.nanoTime() + "@example.org";
        GiveMemberAccountRequest give = GiveMemberAccountRequest.newBuilder().setName(gina.getName()).setEmail(email).setMemberAgreed(true)
                .build();

        assertThatThrownBy(() -> members("dev").giveMemberAccount(give.toBuilder().setEmail("not an address").build()))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("email"));
        assertThatThrownBy(() -> members("dev").giveMemberAccount(give.toBuilder().setEmail("dev@example.org").build()))
                .as("an address that already has an account").satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "ACCOUNT_EXISTS"));
        Member given = members("dev").giveMemberAccount(give);

        String id = gina.getName().substring(gina.getName().lastIndexOf('/') + 1);
        assertThat(given.getName()).as("the same person, the same id").isEqualTo(gina.getName());
        assertThat(given.getAccount()).isEqualTo(id);
        assertThat(given.getContact().getEmail()).isEqualTo(email);
        assertThat(keycloak.realm().users().get(id).toRepresentation().getEmail()).as("the account's subject is their id").isEqualTo(email);
        assertThat(consents("dev").listConsents(ListConsentsRequest.newBuilder().setParent(gina.getName()).build()).getConsentsList())
                .as("nothing recorded about them moved").hasSize(1);
        assertThatThrownBy(() -> members("dev").giveMemberAccount(give))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "MEMBER_HAS_ACCOUNT"));
        keycloak.realm().users().delete(id).close();
    }
}
