package org.chorus.testrig;

import org.chorus.launcher.Tokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RealKeycloakTest {

    private static final String PASSWORD = "demo-password";
    private final RealKeycloak keycloak = RealKeycloak.get();

    @Test
    void coordinatorTokenCarriesSubjectIssuerAudienceAndRole() {
        Map<String, Object> claims = payload(keycloak.passwordToken("amara", PASSWORD));

        assertThat(claims.get("sub")).isInstanceOf(String.class).asString().isNotBlank();
        assertThat(claims.get("iss")).isEqualTo(keycloak.issuerUri());
        assertThat(audience(claims)).contains("chorus");
        assertThat(realmRoles(claims)).contains("coordinator");
        assertThat(claims.get("preferred_username")).isEqualTo("amara");
    }

    @Test
    void facilitatorTokenCarriesTheCommissionGroupPath() {
        Map<String, Object> claims = payload(keycloak.passwordToken("dev", PASSWORD));

        assertThat(claims.get("groups")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactly("/commissions/leeds/facilitator");
        assertThat(realmRoles(claims)).doesNotContain("coordinator");
    }

    @Test
    void dashboardClientCredentialsTokenHasTheDashboardRole() {
        Map<String, Object> claims = payload(
                keycloak.clientCredentialsToken("chorus-dashboard", "chorus-dashboard-dev-secret"));

        assertThat(realmRoles(claims)).contains("dashboard");
        assertThat(audience(claims)).contains("chorus");
        assertThat(claims.get("azp")).isEqualTo("chorus-dashboard");
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> keycloak.passwordToken("amara", "not-the-password"))
                .isInstanceOf(Tokens.TokenRefusedException.class)
                .hasMessageContaining("invalid_grant");
    }

    @Test
    void startsOncePerJvm() {
        assertThat(RealKeycloak.get()).isSameAs(keycloak);
        assertThat(RealKeycloak.starts()).isEqualTo(1);
        assertThat(keycloak.dockerBacked()).isEqualTo(Docker.available());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> payload(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        byte[] json = Base64.getUrlDecoder().decode(parts[1]);
        return JsonMapper.builder().build().readValue(json, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<String> realmRoles(Map<String, Object> claims) {
        Map<String, Object> realmAccess = (Map<String, Object>) claims.get("realm_access");
        assertThat(realmAccess).as("realm_access claim").isNotNull();
        return (List<String>) realmAccess.get("roles");
    }

    @SuppressWarnings("unchecked")
    private static List<String> audience(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        return aud instanceof String single ? List.of(single) : (List<String>) aud;
    }
}
