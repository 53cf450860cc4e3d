package org.chorus.gateway.console;

import java.util.regex.Pattern;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Starts Keycloak's sign-in (with PKCE, which the client registration requires) and, when the sign-in page's button
 * for a member organisation was used ({@code /oauth2/authorization/keycloak?organisation=salford-council}), sends
 * the person straight to that organisation's own sign-in with Keycloak's {@code kc_idp_hint}. An alias that is not
 * one of the realm's identity providers is ignored by Keycloak (its own sign-in page shows), so only the alias's
 * form is checked here.
 */
final class OrganisationSignIn implements ServerOAuth2AuthorizationRequestResolver {

    static final String PARAMETER = "organisation";
    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final DefaultServerOAuth2AuthorizationRequestResolver keycloak;

    OrganisationSignIn(ReactiveClientRegistrationRepository registrations) {
        this.keycloak = new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
    }

    @Override
    public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange) {
        return keycloak.resolve(exchange).map(request -> withOrganisation(request, exchange));
    }

    @Override
    public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange, String clientRegistrationId) {
        return keycloak.resolve(exchange, clientRegistrationId).map(request -> withOrganisation(request, exchange));
    }

    static OAuth2AuthorizationRequest withOrganisation(OAuth2AuthorizationRequest request, ServerWebExchange exchange) {
        String alias = exchange.getRequest().getQueryParams().getFirst(PARAMETER);
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            return request;
        }
        return OAuth2AuthorizationRequest.from(request)
                .additionalParameters(parameters -> parameters.put("kc_idp_hint", alias))
                .build();
    }
}
