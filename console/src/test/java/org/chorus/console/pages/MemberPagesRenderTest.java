package org.chorus.console.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chorus.commissions.v1.Commission;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.identity.Caller;
import org.chorus.identity.KeycloakCallers;
import org.chorus.membership.v1.Consent;
import org.chorus.membership.v1.ConsentPurpose;
import org.chorus.membership.v1.ConsentPurposeWording;
import org.chorus.membership.v1.ConsentsServiceGrpc;
import org.chorus.membership.v1.EraseMemberRequest;
import org.chorus.membership.v1.ExportMemberDataRequest;
import org.chorus.membership.v1.GetMemberRequest;
import org.chorus.membership.v1.ListConsentPurposesRequest;
import org.chorus.membership.v1.ListConsentPurposesResponse;
import org.chorus.membership.v1.ListConsentsRequest;
import org.chorus.membership.v1.ListConsentsResponse;
import org.chorus.membership.v1.Member;
import org.chorus.membership.v1.MemberDataExport;
import org.chorus.membership.v1.MembershipServiceGrpc;
import org.chorus.membership.v1.RecordConsentRequest;
import org.chorus.payments.v1.AdviserLetter;
import org.chorus.payments.v1.BenefitsGuidance;
import org.chorus.payments.v1.BenefitsGuidanceServiceGrpc;
import org.chorus.payments.v1.BenefitsSituation;
import org.chorus.payments.v1.CreatePaymentChoiceRequest;
import org.chorus.payments.v1.GetBenefitsSituationRequest;
import org.chorus.payments.v1.GetPaymentChoiceRequest;
import org.chorus.payments.v1.MethodOption;
import org.chorus.payments.v1.Notice;
import org.chorus.payments.v1.PaymentChoice;
import org.chorus.payments.v1.PaymentMethod;
import org.chorus.payments.v1.PreviewBenefitsGuidanceRequest;
import org.chorus.payments.v1.WriteAdviserLetterRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A member's own pages drawn from their templates, against a stand-in platform on a local port: each page
 * renders, each form carries its CSRF token, and each call names the member by their own sign-in subject.
 * The stand-ins answer as the contract says; what the platform decides is tested in the platform.
 */
@SpringBootTest(properties = "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1/realms/chorus")
@AutoConfigureMockMvc
@Import(MemberPagesRenderTest.MemberToken.class)
class MemberPagesRenderTest {

    static final String MEMBER_TOKEN = "relayed-member-token";
    static final String SELF = "commissions/leeds/members/robin-sub";

    /** Everything the stand-ins were asked, for the checks on whose data each page asks for. */
    static final List<Object> ASKED = new CopyOnWriteArrayList<>();
    static final Server PLATFORM = start();

    @TestConfiguration
    static class MemberToken {
        @Bean
        @Primary
        JwtDecoder memberTokenDecoder() {
            return token -> Jwt.withTokenValue(token).header("alg", "RS256").subject("robin-sub")
                    .claim("groups", List.of("/commissions/leeds/member"))
                    .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300)).build();
        }
    }

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry properties) {
        properties.add("chorus.console.platform", () -> "127.0.0.1:" + PLATFORM.getPort());
    }

    @AfterAll
    static void stop() {
        PLATFORM.shutdownNow();
    }

    @Autowired
    private MockMvc mvc;

    @BeforeEach
    void forget() {
        ASKED.clear();
    }

    @Test
    void tryAPaymentAsksForAnAmount() throws Exception {
        mvc.perform(member(get("/console/commissions/leeds/my-payments/try")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("See what it could change")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
    }

    @Test
    void anAmountThatIsNotMoneyIsShownNextToTheField() throws Exception {
        mvc.perform(member(post("/console/commissions/leeds/my-payments/try")).with(csrf()).param("amount", "forty"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Enter an amount in pounds, like 40 or 22.50.")))
                .andExpect(content().string(containsString("id=\"amount-error\"")));
    }

    @Test
    void theGuidanceIsShownInThePlatformsWordsWithTheChoiceForm() throws Exception {
        mvc.perform(member(post("/console/commissions/leeds/my-payments/try")).with(csrf()).param("amount", "40"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("If we paid you £40.00 today")))
                .andExpect(content().string(containsString("Universal Credit")))
                .andExpect(content().string(containsString("It should not change.")))
                .andExpect(content().string(containsString("value=\"sha256:abc\"")))
                .andExpect(content().string(containsString("name=\"requestId\"")))
                .andExpect(content().string(containsString("Money into my bank")))
                .andExpect(content().string(containsString("Save my choice")));
        PreviewBenefitsGuidanceRequest asked = asked(PreviewBenefitsGuidanceRequest.class);
        assertThat(asked.getPlan().getPayments(0).getAmount().getUnits()).isEqualTo(40);
        assertThat(asked.hasSituation()).as("nothing saved: the guidance speaks in general").isFalse();
    }

    @Test
    void aChoiceIsSavedWithTheGuidanceSeenAndLeadsToTheLetter() throws Exception {
        mvc.perform(member(post("/console/commissions/leeds/my-payments/choices")).with(csrf())
                        .param("pence", "4000").param("day", "2026-03-14").param("method", "VOUCHERS")
                        .param("rulesVersions", "2025-26.1").param("fingerprint", "sha256:abc").param("london", "false")
                        .param("requestId", "5f0b8a52-8d4e-4f59-9d0c-3f1a2b3c4d5e"))
                .andExpect(status().isFound())
                .andExpect(header().string(HttpHeaders.LOCATION, "/console/commissions/leeds/my-payments/choices/ch-1?saved=choice"));
        CreatePaymentChoiceRequest asked = asked(CreatePaymentChoiceRequest.class);
        assertThat(asked.getParent()).isEqualTo(SELF);
        assertThat(asked.getRequestId()).isEqualTo("5f0b8a52-8d4e-4f59-9d0c-3f1a2b3c4d5e");
        assertThat(asked.getPaymentChoice().getGuidanceFingerprint()).isEqualTo("sha256:abc");
        assertThat(asked.getPaymentChoice().getRulesVersionsList()).containsExactly("2025-26.1");

        mvc.perform(member(get("/console/commissions/leeds/my-payments/choices/ch-1?saved=choice")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("We saved how you want to be paid.")))
                .andExpect(content().string(containsString("Shop vouchers")))
                .andExpect(content().string(containsString("value=\"Robin Ash\"")))
                .andExpect(content().string(containsString("Download the letter (PDF)")));
    }

    @Test
    void aChoiceWithoutAWayIsAskedAgain() throws Exception {
        mvc.perform(member(post("/console/commissions/leeds/my-payments/choices")).with(csrf())
                        .param("pence", "4000").param("day", "2026-03-14").param("fingerprint", "sha256:abc"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Pick how you want to be paid.")));
    }

    @Test
    void theLetterIsAPdfToDownload() throws Exception {
        MvcResult letter = mvc.perform(member(post("/console/commissions/leeds/my-payments/choices/ch-1/letter")).with(csrf())
                        .param("memberName", "Robin Ash").param("contact", "Dee, 0113 496 0000"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/pdf"))
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"letter-for-your-adviser.pdf\""))
                .andReturn();
        assertThat(letter.getResponse().getContentAsByteArray()).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
        WriteAdviserLetterRequest asked = asked(WriteAdviserLetterRequest.class);
        assertThat(asked.getName()).isEqualTo(SELF + "/paymentChoices/ch-1");
        assertThat(asked.getCommissionName()).isEqualTo("Leeds Poverty Truth");
    }

    @Test
    void theLetterWithoutWhoToAskIsAskedAgain() throws Exception {
        mvc.perform(member(post("/console/commissions/leeds/my-payments/choices/ch-1/letter")).with(csrf())
                        .param("memberName", "Robin Ash").param("contact", " "))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Enter who your adviser can ask.")));
    }

    @Test
    void consentIsAYesOrNoForEachPurpose() throws Exception {
        mvc.perform(member(get("/console/commissions/leeds/my-consent?saved=consent")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("We saved your answers.")))
                .andExpect(content().string(containsString("Being named in reports")))
                .andExpect(content().string(containsString("In reports we thank you as Robin.")))
                .andExpect(content().string(containsString("Save my answers")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
    }

    @Test
    void aChosenNameIsNotUsedInReportsUntilTheyAgree() throws Exception {
        Consents.namedInReports = false;
        try {
            mvc.perform(member(get("/console/commissions/leeds/my-consent")))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("You chose the name Robin. We use it in reports only if you say yes below.")))
                    .andExpect(content().string(not(containsString("In reports we thank you as"))));
        } finally {
            Consents.namedInReports = true;
        }
    }

    @Test
    void onlyAChangedAnswerIsRecorded() throws Exception {
        mvc.perform(member(post("/console/commissions/leeds/my-consent")).with(csrf())
                        .param("answer-KEEPING_CONTACT_DETAILS", "yes").param("version-KEEPING_CONTACT_DETAILS", "2")
                        .param("answer-NAMED_IN_REPORTS", "no").param("version-NAMED_IN_REPORTS", "1"))
                .andExpect(status().isFound())
                .andExpect(header().string(HttpHeaders.LOCATION, "/console/commissions/leeds/my-consent?saved=consent"));
        List<RecordConsentRequest> recorded = ASKED.stream().filter(RecordConsentRequest.class::isInstance)
                .map(RecordConsentRequest.class::cast).toList();
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).getPurpose()).isEqualTo(ConsentPurpose.NAMED_IN_REPORTS);
        assertThat(recorded.get(0).getGiven()).isFalse();
        assertThat(recorded.get(0).getParent()).isEqualTo(SELF);
    }

    @Test
    void myDataExplainsAndOffersTheDownload() throws Exception {
        mvc.perform(member(get("/console/commissions/leeds/my-data")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Download my data")))
                .andExpect(content().string(containsString("Erase my details")));
    }

    @Test
    void theDownloadIsTheMembersOwnDataAsJson() throws Exception {
        mvc.perform(member(post("/console/commissions/leeds/my-data/download")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/json"))
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"my-chorus-data.json\""))
                .andExpect(content().string(containsString("\"membership\": {\"displayName\":\"Robin Ash\"}")));
        assertThat(asked(ExportMemberDataRequest.class).getName()).isEqualTo(SELF);
    }

    @Test
    void erasingAsksFirstThenErasesTheMemberThemself() throws Exception {
        mvc.perform(member(get("/console/commissions/leeds/my-data/erase")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Yes, erase my details for good")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
        mvc.perform(member(post("/console/commissions/leeds/my-data/erase")).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(header().string(HttpHeaders.LOCATION, "/console/commissions/leeds/my-data/erase?saved=erased"));
        assertThat(asked(EraseMemberRequest.class).getName()).isEqualTo(SELF);
        ASKED.clear();
        mvc.perform(member(get("/console/commissions/leeds/my-data/erase?saved=erased")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Your details are erased")))
                .andExpect(content().string(not(containsString("Yes, erase my details for good"))));
        assertThat(ASKED).as("after erasing, the page asks the platform nothing").isEmpty();
    }

    @Test
    void theCommissionPageLinksAMemberToTheirOwnPagesOnly() {
        CommissionController.Links member = CommissionController.Links.of(caller("/commissions/leeds/member"), "leeds");
        CommissionController.Links facilitator = CommissionController.Links.of(caller("/commissions/leeds/facilitator"), "leeds");

        assertThat(member.myConsent()).isTrue();
        assertThat(member.myData()).isTrue();
        assertThat(facilitator.myConsent()).as("a facilitator records consent for others, not on these pages").isFalse();
        assertThat(facilitator.myData()).isFalse();
    }

    private static Caller caller(String group) {
        return KeycloakCallers.from(Jwt.withTokenValue("t").header("alg", "RS256").subject("robin-sub")
                .claim("groups", List.of(group)).build());
    }

    @SuppressWarnings("unchecked")
    private static <T> T asked(Class<T> type) {
        return (T) ASKED.stream().filter(type::isInstance).reduce((first, second) -> second).orElseThrow();
    }

    private static MockHttpServletRequestBuilder member(MockHttpServletRequestBuilder request) {
        return request.contextPath("/console").header(HttpHeaders.AUTHORIZATION, "Bearer " + MEMBER_TOKEN);
    }

    private static Server start() {
        try {
            return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(new Commissions()).addService(new Membership()).addService(new Consents())
                    .addService(new Guidance())
                    .build().start();
        } catch (IOException cannotListen) {
            throw new IllegalStateException(cannotListen);
        }
    }

    static <T> void answer(Object request, StreamObserver<T> reply, T answer) {
        ASKED.add(request);
        reply.onNext(answer);
        reply.onCompleted();
    }

    static class Commissions extends CommissionsServiceGrpc.CommissionsServiceImplBase {
        @Override
        public void getCommission(GetCommissionRequest request, StreamObserver<Commission> reply) {
            answer(request, reply, Commission.newBuilder().setName(request.getName()).setDisplayName("Leeds Poverty Truth").build());
        }
    }

    static class Membership extends MembershipServiceGrpc.MembershipServiceImplBase {
        @Override
        public void getMember(GetMemberRequest request, StreamObserver<Member> reply) {
            answer(request, reply, Member.newBuilder().setName(request.getName()).setDisplayName("Robin Ash")
                    .setCreditedAs("Robin").build());
        }

        @Override
        public void exportMemberData(ExportMemberDataRequest request, StreamObserver<MemberDataExport> reply) {
            answer(request, reply, MemberDataExport.newBuilder().setName(request.getName())
                    .addHeld(MemberDataExport.Held.newBuilder().setService("membership").setJson("{\"displayName\":\"Robin Ash\"}"))
                    .setDocument("Your name: Robin Ash").build());
        }

        @Override
        public void eraseMember(EraseMemberRequest request, StreamObserver<Member> reply) {
            answer(request, reply, Member.newBuilder().setName(request.getName()).setState(Member.State.ERASED).build());
        }
    }

    static class Consents extends ConsentsServiceGrpc.ConsentsServiceImplBase {
        /** The member's latest answer to being named in reports. */
        static volatile boolean namedInReports = true;

        @Override
        public void listConsentPurposes(ListConsentPurposesRequest request, StreamObserver<ListConsentPurposesResponse> reply) {
            answer(request, reply, ListConsentPurposesResponse.newBuilder()
                    .addPurposes(ConsentPurposeWording.newBuilder().setPurpose(ConsentPurpose.KEEPING_CONTACT_DETAILS).setVersion(2)
                            .setTitle("Keeping your contact details").setWording("We keep your email and phone to reach you."))
                    .addPurposes(ConsentPurposeWording.newBuilder().setPurpose(ConsentPurpose.NAMED_IN_REPORTS).setVersion(1)
                            .setTitle("Being named in reports").setWording("We thank you by name in what we publish."))
                    .build());
        }

        @Override
        public void listConsents(ListConsentsRequest request, StreamObserver<ListConsentsResponse> reply) {
            answer(request, reply, ListConsentsResponse.newBuilder()
                    .addConsents(Consent.newBuilder().setPurpose(ConsentPurpose.KEEPING_CONTACT_DETAILS).setGiven(true).setWordingVersion(2))
                    .addConsents(Consent.newBuilder().setPurpose(ConsentPurpose.NAMED_IN_REPORTS).setGiven(namedInReports).setWordingVersion(1))
                    .build());
        }

        @Override
        public void recordConsent(RecordConsentRequest request, StreamObserver<Consent> reply) {
            answer(request, reply, Consent.newBuilder().setPurpose(request.getPurpose()).setGiven(request.getGiven()).build());
        }
    }

    static class Guidance extends BenefitsGuidanceServiceGrpc.BenefitsGuidanceServiceImplBase {
        @Override
        public void getBenefitsSituation(GetBenefitsSituationRequest request, StreamObserver<BenefitsSituation> reply) {
            ASKED.add(request);
            reply.onError(Status.NOT_FOUND.withDescription("Nothing saved.").asRuntimeException());
        }

        @Override
        public void previewBenefitsGuidance(PreviewBenefitsGuidanceRequest request, StreamObserver<BenefitsGuidance> reply) {
            answer(request, reply, BenefitsGuidance.newBuilder()
                    .addRulesVersions("2025-26.1")
                    .setSuggestion(BenefitsGuidance.Suggestion.BANK_TRANSFER_LOOKS_SAFE)
                    .setSuggestionNotice(Notice.newBuilder().setText("Being paid into your bank looks safe."))
                    .addMethods(MethodOption.newBuilder().setMethod(PaymentMethod.BANK_TRANSFER))
                    .addMethods(MethodOption.newBuilder().setMethod(PaymentMethod.VOUCHERS))
                    .setText("Universal Credit\n- It should not change.\n\nWays to be paid\n- Being paid into your bank looks safe.\n")
                    .setGuidanceFingerprint("sha256:abc")
                    .build());
        }

        @Override
        public void createPaymentChoice(CreatePaymentChoiceRequest request, StreamObserver<PaymentChoice> reply) {
            answer(request, reply, request.getPaymentChoice().toBuilder().setName(request.getParent() + "/paymentChoices/ch-1").build());
        }

        @Override
        public void getPaymentChoice(GetPaymentChoiceRequest request, StreamObserver<PaymentChoice> reply) {
            answer(request, reply, PaymentChoice.newBuilder().setName(request.getName()).setMethod(PaymentMethod.VOUCHERS)
                    .setCreateTime(Timestamp.newBuilder().setSeconds(1_773_446_400L)).build());
        }

        @Override
        public void writeAdviserLetter(WriteAdviserLetterRequest request, StreamObserver<AdviserLetter> reply) {
            answer(request, reply, AdviserLetter.newBuilder().setTitle("About Robin Ash")
                    .setPdf(ByteString.copyFromUtf8("%PDF-1.7 a letter")).build());
        }
    }
}
