package org.chorus.gateway.transcoding;

import org.chorus.contract.ProtoDescriptors;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/** The routes made from the real contract in {@code chorus-proto}. */
class RouteTableTest {

    private static final RouteTable ROUTES = RouteTable.from(ProtoDescriptors.load(RouteTableTest.class.getClassLoader()));

    @Test
    void everyAnnotatedChorusMethodBecomesARoute() {
        assertThat(ROUTES.routes()).extracting(HttpRoute::describe).contains(
                "POST /v1/commissions",
                "GET /v1/{name=commissions/*}",
                "GET /v1/commissions",
                "POST /v1/{parent=commissions/*}/members",
                "POST /v1/{name=commissions/*/claims/*}:approve");
        assertThat(ROUTES.routes()).allSatisfy(route ->
                assertThat(route.method().getService().getFile().getPackage()).startsWith("chorus."));
    }

    @Test
    void theBackendIsTheSecondPartOfThePackage() {
        RouteTable.Match match = ROUTES.match(HttpMethod.GET, "/v1/commissions/leeds/members");

        assertThat(match).isInstanceOfSatisfying(RouteTable.Match.Found.class, found -> {
            assertThat(found.route().backend()).isEqualTo("membership");
            assertThat(found.route().method().getFullName()).isEqualTo("chorus.membership.v1.MembershipService.ListMembers");
            assertThat(found.variables()).isEqualTo(Map.of("parent", "commissions/leeds"));
        });
    }

    @Test
    void theCustomVerbRouteIsChosenForAVerbPath() {
        RouteTable.Match match = ROUTES.match(HttpMethod.POST, "/v1/commissions/leeds/claims/c-1:approve");

        assertThat(match).isInstanceOfSatisfying(RouteTable.Match.Found.class, found -> {
            assertThat(found.route().method().getName()).isEqualTo("ApproveClaim");
            assertThat(found.route().body()).isEqualTo("*");
            assertThat(found.variables()).isEqualTo(Map.of("name", "commissions/leeds/claims/c-1"));
        });
    }

    @Test
    void aKnownPathWithAnotherVerbIsMethodNotAllowed() {
        assertThat(ROUTES.match(HttpMethod.DELETE, "/v1/commissions/leeds"))
                .isEqualTo(new RouteTable.Match.MethodNotAllowed(java.util.Set.of("GET")));
    }

    @Test
    void anUnknownPathIsNotFound() {
        assertThat(ROUTES.match(HttpMethod.GET, "/v1/nothing/here")).isInstanceOf(RouteTable.Match.NotFound.class);
        assertThat(ROUTES.match(HttpMethod.GET, "/v1/commissions/leeds/claims/c-1:approve/x"))
                .isInstanceOf(RouteTable.Match.NotFound.class);
    }

    @Test
    void theGrpcMethodNameIsServiceSlashMethod() {
        RouteTable.Match match = ROUTES.match(HttpMethod.POST, "/v1/commissions");

        assertThat(match).isInstanceOfSatisfying(RouteTable.Match.Found.class, found ->
                assertThat(found.route().grpcMethod().getFullMethodName())
                        .isEqualTo("chorus.commissions.v1.CommissionsService/CreateCommission"));
    }
}
