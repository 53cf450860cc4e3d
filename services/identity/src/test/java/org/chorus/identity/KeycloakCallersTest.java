package org.chorus.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeycloakCallersTest {

    @Test
    void aCoordinatorSeesEveryCommissionAndActsInAny() {
        Caller amara = KeycloakCallers.from("s-1", Map.of("realm_access", Map.of("roles",
                List.of("coordinator", "default-roles-chorus", "offline_access"))));

        assertThat(amara.networkRoles()).containsExactly(Role.COORDINATOR);
        assertThat(amara.seesEveryCommission()).isTrue();
        assertThat(amara.holdsAnyIn("salford", Set.of(Role.FACILITATOR))).isTrue();
    }

    @Test
    void groupsGrantRolesInTheirCommissionOnly() {
        Caller dev = KeycloakCallers.from("s-2", Map.of(
                "groups", List.of("/commissions/leeds/facilitator", "/commissions/leeds/finance", "/staff"),
                "organization", List.of("leeds-council-example")));

        assertThat(dev.rolesIn("leeds")).containsExactlyInAnyOrder(Role.FACILITATOR, Role.FINANCE);
        assertThat(dev.rolesIn("salford")).isEmpty();
        assertThat(dev.canSee("leeds")).isTrue();
        assertThat(dev.canSee("salford")).isFalse();
        assertThat(dev.holdsAnyIn("leeds", Set.of(Role.FACILITATOR))).isTrue();
        assertThat(dev.holdsAnyIn("leeds", Set.of(Role.MEMBER))).isFalse();
        assertThat(dev.organisation()).contains("leeds-council-example");
        assertThat(dev.commissions()).containsExactly("leeds");
    }

    @Test
    void networkRolesCannotBeGrantedThroughAGroupNorCommissionRolesThroughTheRealm() {
        Caller sneaky = KeycloakCallers.from("s-3", Map.of(
                "groups", List.of("/commissions/leeds/coordinator", "/commissions/leeds/service",
                        "/commissions/Leeds/member", "/commissions/leeds/member/extra", "/commissions/leeds/owner"),
                "realm_access", Map.of("roles", List.of("facilitator", "member"))));

        assertThat(sneaky.networkRoles()).isEmpty();
        assertThat(sneaky.commissionRoles()).isEmpty();
        assertThat(sneaky.seesEveryCommission()).isFalse();
    }

    @Test
    void aDashboardClientSeesEveryCommissionButActsInNone() {
        Caller dashboard = KeycloakCallers.from("service-account", Map.of("realm_access", Map.of("roles", List.of("dashboard"))));

        assertThat(dashboard.seesEveryCommission()).isTrue();
        assertThat(dashboard.holdsAnyIn("leeds", Set.of(Role.VIEWER, Role.FACILITATOR))).isFalse();
    }

    @Test
    void aCommissionsDashboardClientReadsThatCommissionAndNoOtherNorTheNetwork() {
        Caller leedsDashboard = KeycloakCallers.from("service-account-leeds", Map.of("groups", List.of("/commissions/leeds/dashboard")));

        assertThat(leedsDashboard.networkRoles()).isEmpty();
        assertThat(leedsDashboard.rolesIn("leeds")).containsExactly(Role.DASHBOARD);
        assertThat(leedsDashboard.seesEveryCommission()).isFalse();
        assertThat(leedsDashboard.canSee("leeds")).isTrue();
        assertThat(leedsDashboard.canSee("salford")).isFalse();
        assertThat(leedsDashboard.holdsAnyIn("leeds", Set.of(Role.VIEWER, Role.FACILITATOR))).isFalse();
    }

    @Test
    void organisationsAsAMapAreReadByAlias() {
        Caller caller = KeycloakCallers.from("s-4", Map.of("organization", Map.of("salford-housing-example", Map.of())));
        assertThat(caller.organisation()).isEqualTo(Optional.of("salford-housing-example"));
        assertThat(KeycloakCallers.from("s-5", Map.of()).organisation()).isEmpty();
    }
}
