package org.chorus.gateway.security;

import org.chorus.gateway.admission.Admission;
import org.chorus.gateway.context.RequestCommissions;
import org.chorus.gateway.problem.Refusal;
import org.chorus.identity.KeycloakCallers;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * The JSON door's place for the admission's commission guard ({@link Admission#guard}), in Spring Security's
 * authorization of {@code /v1/commissions/{commission}/…}: the commission is the one the path names
 * ({@link RequestCommissions}). A refusal travels as the admission's {@code Refused}, answered like every other
 * refusal; a path that names no readable commission is refused as well.
 */
final class CommissionGuard implements ReactiveAuthorizationManager<AuthorizationContext> {

    static final String VARIABLE = "commission";

    private final Admission admission;

    CommissionGuard(Admission admission) {
        this.admission = admission;
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        String commission = RequestCommissions.of(context.getExchange());
        return authentication
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(token -> {
                    if (commission == null) {
                        throw Refusal.notAllowed().refuse();
                    }
                    admission.guard(KeycloakCallers.from(((JwtAuthenticationToken) token).getToken()), commission);
                    return (AuthorizationResult) new AuthorizationDecision(true);
                })
                .defaultIfEmpty(new AuthorizationDecision(false));
    }
}
