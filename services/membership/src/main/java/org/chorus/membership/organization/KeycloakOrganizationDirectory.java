package org.chorus.membership.organization;

import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chorus.membership.keycloak.KeycloakAdmin;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Member organisations as Keycloak Organizations, made through the admin API. An organisation's
 * own OIDC provider is made as a Keycloak identity provider linked to it, with:
 * <ul>
 *   <li>the email it sends trusted ({@code trustEmail}) and the person's details brought over on every
 *       sign-in ({@code syncMode FORCE}), so no profile page is shown;</li>
 *   <li>the first-sign-in flow {@value #FIRST_SIGN_IN_FLOW}: make the account, or link to the one
 *       waiting under the same email (a role granted by email before the first sign-in), with no
 *       question to the person; then make them a member of the organisation.</li>
 * </ul>
 */
@Component
class KeycloakOrganizationDirectory implements OrganizationDirectory {

    static final String FIRST_SIGN_IN_FLOW = "chorus organisation first sign-in";
    private static final String FIRST_SIGN_IN_ACCOUNT = "chorus organisation first sign-in account";
    private static final Logger log = LoggerFactory.getLogger(KeycloakOrganizationDirectory.class);

    private final KeycloakAdmin keycloak;

    KeycloakOrganizationDirectory(KeycloakAdmin keycloak) {
        this.keycloak = keycloak;
    }

    @Override
    public Organization create(Organization organization) {
        return keycloak.call(() -> {
            OrganizationRepresentation rep = new OrganizationRepresentation();
            rep.setName(organization.displayName());
            rep.setAlias(organization.id());
            rep.setEnabled(true);
            for (String domain : organization.emailDomains()) {
                rep.addDomain(new OrganizationDomainRepresentation(domain));
            }
            String keycloakId;
            try (Response created = keycloak.realm().organizations().create(rep)) {
                if (created.getStatus() != 201) {
                    String why = created.hasEntity() ? created.readEntity(String.class) : "";
                    // A taken alias or name is 409; a domain of another organisation is 400 "… already linked …".
                    if (created.getStatus() == 409 || (created.getStatus() == 400 && why.matches("(?s).*\\b(already|linked)\\b.*"))) {
                        throw new Conflict(why);
                    }
                    throw new IllegalStateException("Keycloak did not make the organisation (HTTP " + created.getStatus() + "): " + why);
                }
                keycloakId = CreatedResponseUtil.getCreatedId(created);
            }
            if (organization.identityProvider().isPresent()) {
                try {
                    linkIdentityProvider(keycloakId, organization, organization.identityProvider().get());
                } catch (RuntimeException failed) {
                    // All or nothing: a half-made organisation would block a retry with the same id.
                    log.warn("Could not make the identity provider of organisation {}; removing it again", organization.id());
                    keycloak.realm().organizations().get(keycloakId).delete().close();
                    organization.identityProvider().ifPresent(p -> removeQuietly(p.alias()));
                    throw failed;
                }
            }
            return find(organization.id()).orElseThrow();
        });
    }

    @Override
    public Optional<Organization> find(String id) {
        return keycloak.call(() -> keycloak.realm().organizations().getAll().stream()
                .filter(o -> id.equals(o.getAlias()))
                .findFirst()
                .map(this::organization));
    }

    @Override
    public List<Organization> all() {
        return keycloak.call(() -> keycloak.realm().organizations().getAll().stream()
                .sorted(Comparator.comparing(OrganizationRepresentation::getAlias))
                .map(this::organization)
                .toList());
    }

    private void linkIdentityProvider(String organisationKeycloakId, Organization organization, Organization.IdentityProvider provider) {
        ensureFirstSignInFlow();
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(provider.alias());
        idp.setDisplayName(organization.displayName());
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        idp.setTrustEmail(true);
        idp.setFirstBrokerLoginFlowAlias(FIRST_SIGN_IN_FLOW);
        Map<String, String> config = new HashMap<>();
        config.put("issuer", provider.issuer());
        config.put("authorizationUrl", provider.authorizationUrl());
        config.put("tokenUrl", provider.tokenUrl());
        config.put("clientId", provider.clientId());
        config.put("clientSecret", provider.clientSecret());
        config.put("clientAuthMethod", "client_secret_post");
        config.put("defaultScope", "openid email profile");
        config.put("pkceEnabled", "true");
        config.put("pkceMethod", "S256");
        config.put("syncMode", "FORCE");
        if (!provider.jwksUrl().isEmpty()) {
            config.put("validateSignature", "true");
            config.put("useJwksUrl", "true");
            config.put("jwksUrl", provider.jwksUrl());
        }
        // People with an address at the organisation's domain are sent to its provider.
        config.put("kc.org.domain", organization.emailDomains().getFirst());
        config.put("kc.org.broker.redirect.mode.email-matches", "true");
        idp.setConfig(config);
        try (Response created = keycloak.realm().identityProviders().create(idp)) {
            if (created.getStatus() == 409) {
                throw new Conflict("An identity provider called " + provider.alias() + " exists already");
            }
            if (created.getStatus() != 201) {
                throw new IllegalStateException("Keycloak did not make the identity provider (HTTP " + created.getStatus() + ")");
            }
        }
        try (Response linked = keycloak.realm().organizations().get(organisationKeycloakId).identityProviders()
                .addIdentityProvider(provider.alias())) {
            if (linked.getStatus() / 100 != 2) {
                throw new IllegalStateException("Keycloak did not link the identity provider to the organisation (HTTP "
                        + linked.getStatus() + ")");
            }
        }
    }

    /**
     * Makes {@value #FIRST_SIGN_IN_FLOW} once: an account made or linked by verified email, without
     * questions, then membership of the identity provider's organisation.
     */
    private void ensureFirstSignInFlow() {
        AuthenticationManagementResource flows = keycloak.realm().flows();
        if (flows.getFlows().stream().anyMatch(f -> FIRST_SIGN_IN_FLOW.equals(f.getAlias()))) {
            return;
        }
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias(FIRST_SIGN_IN_FLOW);
        flow.setDescription("Chorus: an organisation's person signs in for the first time. Made by the membership service.");
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        try (Response created = flows.createFlow(flow)) {
            if (created.getStatus() == 409) {
                return; // another replica made it meanwhile
            }
        }
        flows.addExecutionFlow(FIRST_SIGN_IN_FLOW, Map.of("alias", FIRST_SIGN_IN_ACCOUNT, "type", "basic-flow",
                "description", "Make the account, or link to the one waiting under the same verified email."));
        flows.addExecution(FIRST_SIGN_IN_ACCOUNT, Map.of("provider", "idp-create-user-if-unique"));
        flows.addExecution(FIRST_SIGN_IN_ACCOUNT, Map.of("provider", "idp-auto-link"));
        flows.addExecution(FIRST_SIGN_IN_FLOW, Map.of("provider", "idp-add-organization-member"));
        for (AuthenticationExecutionInfoRepresentation execution : flows.getExecutions(FIRST_SIGN_IN_FLOW)) {
            String requirement = switch (String.valueOf(execution.getProviderId())) {
                case "idp-create-user-if-unique", "idp-auto-link" -> "ALTERNATIVE";
                default -> "REQUIRED";
            };
            execution.setRequirement(requirement);
            flows.updateExecutions(FIRST_SIGN_IN_FLOW, execution);
        }
    }

    private void removeQuietly(String alias) {
        try {
            keycloak.realm().identityProviders().get(alias).remove();
        } catch (RuntimeException notThere) {
            log.debug("Identity provider {} was not there to remove", alias);
        }
    }

    private Organization organization(OrganizationRepresentation rep) {
        List<String> domains = new ArrayList<>();
        if (rep.getDomains() != null) {
            rep.getDomains().forEach(d -> domains.add(d.getName()));
        }
        domains.sort(null);
        Optional<Organization.IdentityProvider> provider = keycloak.realm().organizations().get(rep.getId())
                .identityProviders().getIdentityProviders().stream()
                .findFirst()
                .map(idp -> {
                    Map<String, String> c = idp.getConfig() == null ? Map.of() : idp.getConfig();
                    return new Organization.IdentityProvider(idp.getAlias(), c.getOrDefault("issuer", ""),
                            c.getOrDefault("authorizationUrl", ""), c.getOrDefault("tokenUrl", ""),
                            c.getOrDefault("jwksUrl", ""), c.getOrDefault("clientId", ""), "");
                });
        return new Organization(rep.getAlias(), rep.getName(), domains, provider);
    }
}
