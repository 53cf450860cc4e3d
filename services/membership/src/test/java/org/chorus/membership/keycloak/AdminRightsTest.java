package org.chorus.membership.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Realm administration belongs to membership's own client alone: neither the secret every service
 * holds ({@code chorus-services}) nor the dashboards' can read or change people, groups,
 * organisations or sign-in.
 */
class AdminRightsTest {

    @ParameterizedTest(name = "{0}: HTTP {2}")
    @CsvSource({
            "chorus-membership-admin, chorus-membership-admin-dev-secret, 200",
            "chorus-services, chorus-services-dev-secret, 403",
            "chorus-dashboard, chorus-dashboard-dev-secret, 403"})
    void onlyMembershipsClientAdministersTheRealm(String client, String secret, int expected) throws Exception {
        RealKeycloak keycloak = RealKeycloak.get();
        String token = keycloak.clientCredentialsToken(client, secret);
        for (String path : new String[] {"users?max=1", "groups?max=1", "organizations?max=1", "identity-provider/instances",
                "authentication/flows"}) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(keycloak.baseUrl() + "/admin/realms/chorus/" + path))
                    .header("Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(client + " reading " + path).isEqualTo(expected);
        }
    }
}
