package org.chorus.gateway.security;

import org.chorus.gateway.context.RequestCommissions;
import org.chorus.identity.KeycloakCallers;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * The gateway's commission guard: a call about {@code commissions/{commission}/…} passes only if
 * the caller holds a role in that commission, coordinates the network, or reads dashboards. The
 * same answer whether the commission exists or not, so nothing leaks; each service checks again,
 * in more detail.
 */
final class CommissionGuard implements ReactiveAuthorizationManager<AuthorizationContext> {

    static final String VARIABLE = "commission";

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        String commission = RequestCommissions.of(context.getExchange());
        return authentication
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(token -> (AuthorizationResult) new AuthorizationDecision(
                        commission != null && KeycloakCallers.from(((JwtAuthenticationToken) token).getToken()).canSee(commission)))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }
}
