package org.chorus.membership.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.testrig.GrpcAssertions.assertStatus;
import static org.chorus.testrig.GrpcAssertions.violatedFields;

import io.grpc.Status;
import java.util.List;
import java.util.UUID;
import org.chorus.membership.keycloak.KeycloakAdmin;
import org.chorus.membership.keycloak.KeycloakWaitingAccounts;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.chorus.membership.v1.CreateOrganizationRequest;
import org.chorus.membership.v1.GetOrganizationRequest;
import org.chorus.membership.v1.ListOrganizationsRequest;
import org.chorus.membership.v1.Organization;
import org.chorus.membership.v1.OrganizationsServiceGrpc;
import org.chorus.membership.v1.OrganizationsServiceGrpc.OrganizationsServiceBlockingStub;
import org.chorus.testrig.Bearer;
import org.chorus.testrig.RealKeycloak;
import org.chorus.testrig.UseRealKeycloak;
import org.chorus.testrig.UseRealPostgres;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.grpc.client.GrpcChannelFactory;

/** Member organisations over the in-process gRPC transport, made in a real Keycloak through its admin API. */
@SpringBootTest(properties = "chorus.membership.mirror-after=1h")
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "membership")
@UseRealKeycloak
class OrganizationGrpcServiceTest {

    @Autowired
    GrpcChannelFactory channels;
    @Autowired
    KeycloakAdmin keycloak;

    private OrganizationsServiceBlockingStub as(String username) {
        return OrganizationsServiceGrpc.newBlockingStub(channels.createChannel("membership"))
                .withInterceptors(Bearer.token(RealKeycloak.get().passwordToken(username, "demo-password")));
    }

    private static CreateOrganizationRequest hull(String id, boolean withProvider) {
        var organization = Organization.newBuilder()
                .setDisplayName("Council of " + id + " (example)")
                .addEmailDomains(id + ".example");
        if (withProvider) {
            organization.setIdentityProvider(Organization.IdentityProvider.newBuilder()
                    .setIssuer("https://login." + id + ".example/realms/staff")
                    .setAuthorizationUrl("https://login." + id + ".example/realms/staff/protocol/openid-connect/auth")
                    .setTokenUrl("https://login." + id + ".example/realms/staff/protocol/openid-connect/token")
                    .setJwksUrl("https://login." + id + ".example/realms/staff/protocol/openid-connect/certs")
                    .setClientId("chorus")
                    .setClientSecret("a-secret-of-the-council"));
        }
        return CreateOrganizationRequest.newBuilder().setOrganizationId(id).setOrganization(organization).build();
    }

    @Test
    void anOrganisationWithItsOwnSignInIsMadeInKeycloakAndLinked() {
        Organization created = as("amara").createOrganization(hull("hull-council", true));

        assertThat(created.getName()).isEqualTo("organizations/hull-council");
        assertThat(created.getEmailDomainsList()).containsExactly("hull-council.example");
        assertThat(created.getIdentityProvider().getAlias()).isEqualTo("hull-council-idp");
        assertThat(created.getIdentityProvider().getClientSecret()).as("the secret is never returned").isEmpty();

        OrganizationRepresentation inKeycloak = keycloak.realm().organizations().getAll().stream()
                .filter(o -> "hull-council".equals(o.getAlias())).findFirst().orElseThrow();
        assertThat(inKeycloak.getName()).isEqualTo("Council of hull-council (example)");
        assertThat(inKeycloak.getDomains()).extracting(d -> d.getName()).containsExactly("hull-council.example");
        IdentityProviderRepresentation idp = keycloak.realm().identityProviders().get("hull-council-idp").toRepresentation();
        assertThat(idp.getProviderId()).isEqualTo("oidc");
        assertThat(idp.isTrustEmail()).isTrue();
        String flow = KeycloakOrganizationDirectory.FIRST_SIGN_IN_FLOW + "hull-council";
        assertThat(idp.getFirstBrokerLoginFlowAlias()).as("a first sign-in of the organisation's own").isEqualTo(flow);
        assertThat(idp.getConfig()).containsEntry("issuer", "https://login.hull-council.example/realms/staff")
                .containsEntry("clientId", "chorus").containsEntry("kc.org.domain", "hull-council.example");
        assertThat(keycloak.realm().organizations().get(inKeycloak.getId()).identityProviders().getIdentityProviders())
                .extracting(IdentityProviderRepresentation::getAlias).containsExactly("hull-council-idp");
        List<AuthenticationExecutionInfoRepresentation> steps = keycloak.realm().flows().getExecutions(flow);
        assertThat(steps).extracting(e -> e.getLevel() + " " + (e.getProviderId() == null ? "flow" : e.getProviderId()) + ":" + e.getRequirement())
                .containsExactly(
                        "0 flow:REQUIRED",
                        "1 idp-create-user-if-unique:ALTERNATIVE",
                        "1 flow:ALTERNATIVE",
                        "2 idp-auto-link:REQUIRED",
                        "2 flow:CONDITIONAL",
                        "3 conditional-user-attribute:REQUIRED",
                        "3 deny-access-authenticator:REQUIRED",
                        "0 idp-add-organization-member:REQUIRED");
        String condition = steps.stream().filter(e -> "conditional-user-attribute".equals(e.getProviderId())).findFirst()
                .orElseThrow().getAuthenticationConfig();
        assertThat(keycloak.realm().flows().getAuthenticatorConfig(condition).getConfig())
                .as("refuse unless the account waits at one of this organisation's domains")
                .containsEntry("attribute_name", KeycloakWaitingAccounts.WAITING_AT)
                .containsEntry("attribute_expected_value", "(?:\\Qhull-council.example\\E)")
                .containsEntry("regex", "true")
                .containsEntry("not", "true");

        assertThat(as("amara").getOrganization(GetOrganizationRequest.newBuilder().setName("organizations/hull-council").build()))
                .isEqualTo(created);
    }

    @Test
    void anOrganisationWithoutItsOwnSignInIsListedWithTheOthers() {
        as("amara").createOrganization(hull("york-trust", false));

        var listed = as("amara").listOrganizations(ListOrganizationsRequest.getDefaultInstance()).getOrganizationsList();

        assertThat(listed).extracting(Organization::getName).contains("organizations/york-trust", "organizations/leeds-council-example");
        assertThat(listed).filteredOn(o -> o.getName().equals("organizations/york-trust")).singleElement()
                .satisfies(o -> assertThat(o.hasIdentityProvider()).isFalse());
        var firstPage = as("amara").listOrganizations(ListOrganizationsRequest.newBuilder().setPageSize(1).build());
        assertThat(firstPage.getOrganizationsList()).hasSize(1);
        var secondPage = as("amara").listOrganizations(ListOrganizationsRequest.newBuilder().setPageSize(1)
                .setPageToken(firstPage.getNextPageToken()).build());
        assertThat(secondPage.getOrganizations(0).getName()).isGreaterThan(firstPage.getOrganizations(0).getName());
    }

    @Test
    void onlyCoordinatorsManageOrganisations() {
        assertThatThrownBy(() -> as("dev").createOrganization(hull("wakefield", true)))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> as("dev").listOrganizations(ListOrganizationsRequest.getDefaultInstance()))
                .satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThat(keycloak.realm().organizations().getAll()).noneMatch(o -> "wakefield".equals(o.getAlias()));
    }

    @Test
    void aTakenIdNameOrDomainIsAlreadyExistsAndARetryWithTheSameRequestIdIsNot() {
        String requestId = UUID.randomUUID().toString();
        Organization first = as("amara").createOrganization(hull("bradford", true).toBuilder().setRequestId(requestId).build());
        Organization retry = as("amara").createOrganization(hull("bradford", true).toBuilder().setRequestId(requestId).build());

        assertThat(retry).isEqualTo(first);
        assertThatThrownBy(() -> as("amara").createOrganization(hull("bradford", false)))
                .satisfies(e -> assertStatus(e, Status.Code.ALREADY_EXISTS, "ORGANIZATION_EXISTS"));
        var sameName = hull("bradford-three", false).toBuilder();
        sameName.getOrganizationBuilder().setDisplayName("Council of bradford (example)");
        assertThatThrownBy(() -> as("amara").createOrganization(sameName.build()))
                .satisfies(e -> assertStatus(e, Status.Code.ALREADY_EXISTS, "ORGANIZATION_EXISTS"));
        var sameDomain = hull("bradford-two", false).toBuilder();
        sameDomain.getOrganizationBuilder().clearEmailDomains().addEmailDomains("bradford.example");
        assertThatThrownBy(() -> as("amara").createOrganization(sameDomain.build()))
                .satisfies(e -> assertStatus(e, Status.Code.ALREADY_EXISTS, "ORGANIZATION_EXISTS"));
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsMade() {
        var bad = CreateOrganizationRequest.newBuilder().setOrganizationId("Not An Id")
                .setOrganization(Organization.newBuilder().setDisplayName(" ").addEmailDomains("not a domain")
                        .setIdentityProvider(Organization.IdentityProvider.newBuilder().setIssuer("ftp://x").setClientId("c")));

        assertThatThrownBy(() -> as("amara").createOrganization(bad.build())).satisfies(e -> {
            assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_ORGANIZATION");
            assertThat(violatedFields(e)).containsExactly("organization_id", "organization.display_name",
                    "organization.email_domains[0]", "organization.identity_provider.issuer",
                    "organization.identity_provider.authorization_url", "organization.identity_provider.token_url",
                    "organization.identity_provider.client_secret");
        });
        assertThatThrownBy(() -> as("amara").getOrganization(GetOrganizationRequest.newBuilder().setName("organizations/nowhere").build()))
                .satisfies(e -> assertStatus(e, Status.Code.NOT_FOUND, "ORGANIZATION_NOT_FOUND"));
    }
}
