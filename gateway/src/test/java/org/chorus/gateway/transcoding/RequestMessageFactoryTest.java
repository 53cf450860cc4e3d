package org.chorus.gateway.transcoding;

import org.chorus.contract.ProtoDescriptors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.google.protobuf.util.JsonFormat;
import org.chorus.gateway.problem.Problem;
import org.chorus.gateway.problem.ProblemException;
import org.chorus.membership.v1.CreateMemberRequest;
import org.chorus.membership.v1.Member;
import org.chorus.payments.v1.ApproveClaimRequest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Body, query string and path together, over the real contract. */
class RequestMessageFactoryTest {

    private static final RouteTable ROUTES = RouteTable.from(ProtoDescriptors.load(RequestMessageFactoryTest.class.getClassLoader()));

    private final RequestMessageFactory factory = new RequestMessageFactory(JsonFormat.parser());

    @Test
    void aWholeBodyRequestTakesTheBodyAndThePathWins() throws Exception {
        RouteTable.Match.Found found = found(HttpMethod.POST, "/v1/commissions/leeds/claims/c-1:approve");

        var message = factory.create(found.route(), found.variables(), Map.of(),
                bytes("{\"name\": \"commissions/other/claims/c-9\", \"etag\": \"e1\", \"requestId\": \"r-1\"}"));

        assertThat(ApproveClaimRequest.parseFrom(message.toByteString())).isEqualTo(ApproveClaimRequest.newBuilder()
                .setName("commissions/leeds/claims/c-1").setEtag("e1").setRequestId("r-1").build());
    }

    @Test
    void aWholeBodyRequestTakesNoQueryParameters() {
        RouteTable.Match.Found found = found(HttpMethod.POST, "/v1/commissions/leeds/claims/c-1:approve");

        assertThatExceptionOfType(ProblemException.class)
                .isThrownBy(() -> factory.create(found.route(), found.variables(), Map.of("etag", List.of("e1")), bytes("{}")))
                .satisfies(e -> assertThat(e.problem().fieldViolations()).extracting(Problem.FieldViolation::field)
                        .containsExactly("etag"));
    }

    @Test
    void aFieldBodyFillsThatFieldAndTheRestComesFromPathAndQuery() throws Exception {
        RouteTable.Match.Found found = found(HttpMethod.POST, "/v1/commissions/leeds/members");

        var message = factory.create(found.route(), found.variables(), Map.of("requestId", List.of("r-2")),
                bytes("{\"displayName\": \"Sam\", \"kind\": \"EXPERT_BY_EXPERIENCE\"}"));

        assertThat(CreateMemberRequest.parseFrom(message.toByteString())).isEqualTo(CreateMemberRequest.newBuilder()
                .setParent("commissions/leeds")
                .setRequestId("r-2")
                .setMember(Member.newBuilder().setDisplayName("Sam").setKind(Member.Kind.EXPERT_BY_EXPERIENCE))
                .build());
    }

    @Test
    void aWrongEnumNameInTheBodyNamesTheFieldAndTheAllowedNames() {
        RouteTable.Match.Found found = found(HttpMethod.POST, "/v1/commissions/leeds/members");

        assertThatExceptionOfType(ProblemException.class)
                .isThrownBy(() -> factory.create(found.route(), found.variables(), Map.of(),
                        bytes("{\"displayName\": \"Sam\", \"kind\": \"CITIZEN\"}")))
                .satisfies(e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().fieldViolations()).containsExactly(new Problem.FieldViolation("member.kind",
                            "Must be one of EXPERT_BY_EXPERIENCE, CIVIC_COMMISSIONER, BUSINESS_COMMISSIONER."));
                });
    }

    @Test
    void aWholeBodyThatIsNotAnObjectIsRefused() {
        RouteTable.Match.Found found = found(HttpMethod.POST, "/v1/commissions/leeds/claims/c-1:approve");

        assertThatExceptionOfType(ProblemException.class)
                .isThrownBy(() -> factory.create(found.route(), found.variables(), Map.of(), bytes("[1, 2]")))
                .satisfies(e -> assertThat(e.problem().reason()).isEqualTo("MALFORMED_JSON"));
    }

    @Test
    void trailingGarbageAfterTheJsonIsMalformed() {
        RouteTable.Match.Found found = found(HttpMethod.POST, "/v1/commissions/leeds/claims/c-1:approve");

        assertThatExceptionOfType(ProblemException.class)
                .isThrownBy(() -> factory.create(found.route(), found.variables(), Map.of(), bytes("{} {}")))
                .satisfies(e -> assertThat(e.problem().reason()).isEqualTo("MALFORMED_JSON"));
    }

    @Test
    void anEmptyBodyLeavesTheBodyFieldUnset() throws Exception {
        RouteTable.Match.Found found = found(HttpMethod.POST, "/v1/commissions/leeds/members");

        var message = factory.create(found.route(), found.variables(), Map.of(), new byte[0]);

        assertThat(CreateMemberRequest.parseFrom(message.toByteString()).hasMember()).isFalse();
    }

    private static RouteTable.Match.Found found(HttpMethod method, String path) {
        return (RouteTable.Match.Found) ROUTES.match(method, path);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
