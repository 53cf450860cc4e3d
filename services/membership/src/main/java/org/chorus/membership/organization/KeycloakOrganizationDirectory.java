package org.chorus.membership.organization;

import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.chorus.membership.keycloak.KeycloakAdmin;
import org.chorus.membership.keycloak.KeycloakWaitingAccounts;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
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
 *   <li>a first-sign-in flow of its own ({@code chorus first sign-in for <alias>}): make the account; or,
 *       when one exists under the same email or username, link to it <em>only</em> if it is an
 *       account waiting for a person at one of this organisation's email domains (made by a role
 *       grant by email, marked {@value KeycloakWaitingAccounts#WAITING_AT}); anything else is refused, so an
 *       organisation's provider can never claim someone else's account. Then the person is made a
 *       member of the organisation.</li>
 * </ul>
 */
@Component
class KeycloakOrganizationDirectory implements OrganizationDirectory {

    static final String FIRST_SIGN_IN_FLOW = "chorus first sign-in for ";
    private static final Logger log = LoggerFactory.getLogger(KeycloakOrganizationDirectory.class);

    private final KeycloakAdmin keycloak;

    KeycloakOrganizationDirectory(KeycloakAdmin keycloak) {
        this.keycloak = keycloak;
    }

    @Override
    public Organization create(Organization organization) {
        return reachable(() -> {
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
        return reachable(() -> keycloak.realm().organizations().getAll().stream()
                .filter(o -> id.equals(o.getAlias()))
                .findFirst()
                .map(this::organization));
    }

    @Override
    public List<Organization> all() {
        return reachable(() -> keycloak.realm().organizations().getAll().stream()
                .sorted(Comparator.comparing(OrganizationRepresentation::getAlias))
                .map(this::organization)
                .toList());
    }

    /** A call to Keycloak, its being unreachable said in the port's words. */
    private <T> T reachable(java.util.function.Supplier<T> call) {
        try {
            return keycloak.call(call);
        } catch (KeycloakAdmin.Unavailable down) {
            throw new Unavailable(down.getMessage(), down);
        }
    }

    private void linkIdentityProvider(String organisationKeycloakId, Organization organization, Organization.IdentityProvider provider) {
        String flow = firstSignInFlow(organization);
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(provider.alias());
        idp.setDisplayName(organization.displayName());
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        idp.setTrustEmail(true);
        idp.setFirstBrokerLoginFlowAlias(flow);
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
     * Makes the organisation's first-sign-in flow (once; a second replica finds it made):
     * <pre>
     * account (required)
     *   ├ idp-create-user-if-unique                   (alternative) a new person: a new account
     *   └ link the account waiting for them           (alternative) the email or username is taken:
     *       ├ idp-auto-link                           (required)    take that account, then
     *       └ refuse an account not waiting here      (conditional) unless it waits at one of this
     *           ├ conditional-user-attribute, negated               organisation's domains,
     *           └ deny-access-authenticator                         refuse the sign-in
     * idp-add-organization-member                     (required)
     * </pre>
     * The refusal fails closed: an account without the mark, with another domain's mark, or no
     * account at all in the context, is not linked.
     */
    private String firstSignInFlow(Organization organization) {
        String alias = FIRST_SIGN_IN_FLOW + organization.id();
        AuthenticationManagementResource flows = keycloak.realm().flows();
        if (flows.getFlows().stream().anyMatch(f -> alias.equals(f.getAlias()))) {
            return alias;
        }
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias(alias);
        flow.setDescription("Chorus: a person of " + organization.id() + " signs in for the first time. Made by the membership service.");
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        try (Response created = flows.createFlow(flow)) {
            if (created.getStatus() == 409) {
                return alias; // another replica made it meanwhile
            }
        }
        String account = alias + " - account";
        String link = alias + " - link the account waiting";
        String refuse = alias + " - refuse other accounts";
        subFlow(flows, alias, account, "Make the account, or link the one waiting for this person.");
        flows.addExecution(account, Map.of("provider", "idp-create-user-if-unique"));
        subFlow(flows, account, link, "The email or username is taken: link it only if it waits at this organisation's domains.");
        flows.addExecution(link, Map.of("provider", "idp-auto-link"));
        subFlow(flows, link, refuse, "Refuse an account that is not waiting for a person of this organisation.");
        flows.addExecution(refuse, Map.of("provider", "conditional-user-attribute"));
        flows.addExecution(refuse, Map.of("provider", "deny-access-authenticator"));
        flows.addExecution(alias, Map.of("provider", "idp-add-organization-member"));

        for (AuthenticationExecutionInfoRepresentation execution : flows.getExecutions(alias)) {
            String step = Boolean.TRUE.equals(execution.getAuthenticationFlow()) ? execution.getDisplayName() : execution.getProviderId();
            String requirement = switch (String.valueOf(step)) {
                case "idp-create-user-if-unique" -> "ALTERNATIVE";
                default -> link.equals(step) ? "ALTERNATIVE" : refuse.equals(step) ? "CONDITIONAL" : "REQUIRED";
            };
            execution.setRequirement(requirement);
            flows.updateExecutions(alias, execution);
            if ("conditional-user-attribute".equals(step)) {
                configure(flows, execution.getId(), alias + " - not waiting here", Map.of(
                        "attribute_name", KeycloakWaitingAccounts.WAITING_AT,
                        "attribute_expected_value", anyOf(organization.emailDomains()),
                        "regex", "true",
                        "not", "true"));
            } else if ("deny-access-authenticator".equals(step)) {
                configure(flows, execution.getId(), alias + " - refusal", Map.of("denyErrorMessage",
                        "This email address belongs to an account that your organisation's sign-in cannot use. "
                                + "Please ask a coordinator of the network to help."));
            }
        }
        return alias;
    }

    private static void subFlow(AuthenticationManagementResource flows, String parent, String alias, String description) {
        flows.addExecutionFlow(parent, Map.of("alias", alias, "type", "basic-flow", "description", description));
    }

    private static void configure(AuthenticationManagementResource flows, String executionId, String alias, Map<String, String> config) {
        AuthenticatorConfigRepresentation rep = new AuthenticatorConfigRepresentation();
        rep.setAlias(alias);
        rep.setConfig(config);
        try (Response created = flows.newExecutionConfig(executionId, rep)) {
            if (created.getStatus() / 100 != 2) {
                throw new IllegalStateException("Keycloak did not configure the first-sign-in flow (HTTP " + created.getStatus() + ")");
            }
        }
    }

    /** A regular expression matching exactly one of the domains, lower case as they are stored. */
    private static String anyOf(List<String> domains) {
        return domains.stream().map(d -> Pattern.quote(d.toLowerCase(Locale.ROOT))).collect(Collectors.joining("|", "(?:", ")"));
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
