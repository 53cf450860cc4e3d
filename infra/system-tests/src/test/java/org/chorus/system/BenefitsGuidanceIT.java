package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.UUID;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Benefits guidance end to end, through the gateway's JSON API with real Keycloak tokens: a member
 * previews guidance, saves their situation and records a choice; another commission's member and a
 * facilitator cannot read the saved situation. Uses the fixed commission {@code leeds}, since the
 * demo people hold their roles there; it is created first if it does not exist yet.
 */
class BenefitsGuidanceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PLAN = """
            {"payments": [{"date": {"year": 2026, "month": 3, "day": 9}, "kind": "FEE",
                           "amount": {"currencyCode": "GBP", "units": "40", "nanos": 350000000}, "minutes": 180}]}""";

    static ChorusPlatform platform;
    static GatewayClient gateway;
    static String sam;
    static String samMember;

    @BeforeAll
    static void leedsExists() {
        platform = RunningPlatform.get();
        gateway = new GatewayClient(platform.gatewayUrl());
        String coordinator = RealKeycloak.get().passwordToken("amara", "demo-password");
        var created = gateway.post("/v1/commissions?commissionId=leeds", coordinator,
                "{\"displayName\": \"Leeds Poverty Truth Commission\", \"place\": \"Leeds\"}");
        assertThat(created.status()).as("leeds is created, or was already there").isIn(200, 409);
        sam = RealKeycloak.get().passwordToken("sam", "demo-password");
        samMember = "/v1/commissions/leeds/members/" + subject(sam);
    }

    @Test
    void aMemberPreviewsGuidanceAndRecordsTheirChoice() {
        var preview = preview(gateway, sam);

        assertThat(preview.status()).as(preview.body().toString()).isEqualTo(200);
        JsonNode uc = preview.body().path("benefits").path(0);
        assertThat(uc.path("benefit").asString()).isEqualTo("UNIVERSAL_CREDIT");
        assertThat(uc.path("effect").asString()).isEqualTo("GOES_DOWN");
        assertThat(uc.path("estimatedChange").path("units").asString()).isEqualTo("-22");
        assertThat(uc.path("estimatedChange").path("nanos").asInt()).isEqualTo(-190_000_000);
        assertThat(preview.body().path("text").asString()).contains("£22.19");
        String fingerprint = preview.body().path("guidanceFingerprint").asString();
        assertThat(fingerprint).startsWith("sha256:");

        var choice = recordChoice(gateway, sam, samMember, "TIME_CREDITS", preview.body());
        assertThat(choice.status()).as(choice.body().toString()).isEqualTo(200);
        assertThat(choice.body().path("name").asString()).startsWith(samMember.substring(4) + "/paymentChoices/");
        assertThat(choice.body().path("guidanceFingerprint").asString()).isEqualTo(fingerprint);
        assertThat(choice.body().path("createTime").asString()).endsWith("Z");
    }

    @Test
    void theSavedSituationIsTheMembersAloneAndNotAnotherMembersOrAFacilitators() {
        int saved = gateway.patch(samMember + "/benefitsSituation", sam,
                "{\"benefits\": [{\"kind\": \"CARERS_ALLOWANCE\"}], \"london\": false}").status();
        assertThat(saved).isEqualTo(200);

        var own = gateway.get(samMember + "/benefitsSituation", sam);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().path("benefits").path(0).path("kind").asString()).isEqualTo("CARERS_ALLOWANCE");

        for (String other : new String[] {"priya", "dev"}) {
            var refused = gateway.get(samMember + "/benefitsSituation",
                    RealKeycloak.get().passwordToken(other, "demo-password"));
            assertThat(refused.status()).as(other).isEqualTo(403);
            assertThat(refused.body().toString()).as(other).doesNotContain("CARERS_ALLOWANCE");
        }
    }

    @Test
    void badInputIsAProblemNamingEachField() {
        var refused = gateway.post("/v1/commissions/leeds/benefitsGuidance:preview", sam, """
                {"situation": {"benefits": [{"kind": "UNIVERSAL_CREDIT", "workAllowance": true}]},
                 "plan": {"payments": [{"date": {"year": 2031, "month": 3, "day": 9}, "kind": "FEE",
                                        "amount": {"currencyCode": "GBP", "units": "-5"}}]}}""");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("reason").asString()).isEqualTo("INVALID_GUIDANCE_REQUEST");
        assertThat(refused.body().path("fieldViolations").toString())
                .contains("situation.benefits[0].work_allowance", "plan.payments[0].date", "plan.payments[0].amount");
    }

    /** Records {@code member}'s choice of {@code method}, having seen {@code preview} (guidance for {@link #PLAN}). */
    static GatewayClient.Response recordChoice(GatewayClient gateway, String token, String member, String method, JsonNode preview) {
        return gateway.post(member + "/paymentChoices?requestId=" + UUID.randomUUID(), token, """
                {"method": "%s", "reason": "I want my Universal Credit to stay the same.",
                 "plan": %s, "rulesVersions": %s, "guidanceFingerprint": "%s"}"""
                .formatted(method, PLAN, preview.path("rulesVersions"), preview.path("guidanceFingerprint").asString()));
    }

    /** Guidance for {@link #PLAN} for a member on Universal Credit, as {@code token} previews it. */
    static GatewayClient.Response preview(GatewayClient gateway, String token) {
        return gateway.post("/v1/commissions/leeds/benefitsGuidance:preview", token,
                "{\"situation\": {\"benefits\": [{\"kind\": \"UNIVERSAL_CREDIT\"}]}, \"plan\": " + PLAN + "}");
    }

    /** The member id is, for now, the member's sign-in subject. */
    static String subject(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1])).path("sub").asString();
    }
}
