package org.chorus.gateway.security;

import java.util.List;
import org.chorus.gateway.GatewayProperties;
import org.chorus.gateway.admission.Admission;
import org.chorus.gateway.problem.Problem;
import org.chorus.gateway.problem.ProblemWriter;
import org.chorus.identity.ChorusTokens;
import org.chorus.identity.ReactiveChorusTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who may come in: every {@code /v1/**} call needs a valid bearer token from the Chorus realm, and a
 * call about one commission needs a role in it ({@link CommissionGuard}); health, info and metrics are open; anything else needs a token too, so a route added later is never open by
 * accident. Stateless: no session, no CSRF token (no cookies are used), no login page.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder, ProblemWriter problems,
                                                  Admission admission) {
        ServerAuthenticationEntryPoint entryPoint = (exchange, error) -> unauthenticated(exchange, error, problems);
        ServerAccessDeniedHandler accessDenied = (exchange, denied) -> problems.write(exchange,
                Problem.of(403, "Not allowed", "You are not allowed to do this.", "PERMISSION_DENIED")
                        .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\""));
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // The API first: each request is matched against these in turn (2% of the gateway's CPU a request
                // was spent on the actuator's patterns before, bench profile); /v1/ and /actuator/ never overlap.
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/v1/commissions/{" + CommissionGuard.VARIABLE + "}",
                                "/v1/commissions/{" + CommissionGuard.VARIABLE + "}/**").access(new CommissionGuard(admission))
                        .pathMatchers("/v1/**").authenticated()
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .pathMatchers("/actuator/gateway/routes", "/actuator/gateway/routes/*").authenticated()
                        .pathMatchers("/actuator/**").denyAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenConverter(oneBearerToken())
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .build();
    }

    /**
     * No observation of each security filter, authentication and authorization. Spring Boot's
     * {@code management.observations.enable.spring.security=false} only made them no-ops: each filter was still
     * wrapped in one, and their lookups were about 2% of the gateway's CPU a request (bench profile). They measured
     * nothing that {@code chorus.gateway.requests} and the access log do not.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * RS256 tokens of exactly the configured issuer, for the Chorus audience, within a minute of clock
     * skew. The issuer's keys are found and fetched on the first request, not at start-up, so the
     * gateway can start before Keycloak; a failed fetch is not remembered, so it is tried again.
     * Where the gateway reaches Keycloak by another address than the public issuer (containers),
     * {@code jwk-set-uri} names the keys' address; the issuer is still checked as configured.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
                                  @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri,
                                  GatewayProperties properties) {
        NimbusReactiveJwtDecoder decoder = (jwkSetUri.isBlank()
                ? NimbusReactiveJwtDecoder.withIssuerLocation(issuer).jwsAlgorithm(SignatureAlgorithm.RS256)
                : NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).jwsAlgorithm(SignatureAlgorithm.RS256))
                .build();
        OAuth2TokenValidator<Jwt> rule = ChorusTokens.validator(issuer, properties.security().audience(), properties.security().clockSkew());
        decoder.setJwtValidator(rule);
        // A token seen before is not verified again while the rule still accepts it (see ChorusTokens).
        ReactiveJwtDecoder cached = ReactiveChorusTokens.cached(decoder, rule);
        // Failing to fetch the issuer's keys is not the caller's fault: make it a JwtException that is not a
        // BadJwtException, which Spring Security reports as AuthenticationServiceException (answered 503).
        return token -> cached.decode(token).onErrorMap(error -> !(error instanceof JwtException),
                error -> new JwtException("The issuer's keys could not be fetched", error));
    }

    /**
     * Reads the bearer token as Spring's {@code ServerBearerTokenAuthenticationConverter} does (RFC 6750: a header
     * that starts with {@code bearer}, any case, must be {@code Bearer <b64token>}), with a loop instead of its
     * regular expression, which was 2% of the gateway's CPU a request (infra/bench profile). A request names one
     * caller: with two Authorization headers, which one counts would be ours to guess, so neither does.
     */
    private static ServerAuthenticationConverter oneBearerToken() {
        return exchange -> {
            List<String> authorizations = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
            if (authorizations.size() > 1) {
                return Mono.error(new OAuth2AuthenticationException(BearerTokenErrors.invalidRequest("Send one Authorization header.")));
            }
            if (authorizations.isEmpty() || !authorizations.getFirst().regionMatches(true, 0, "bearer", 0, 6)) {
                return Mono.empty();
            }
            String token = bearerToken(authorizations.getFirst());
            return token == null
                    ? Mono.error(new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")))
                    : Mono.just(new BearerTokenAuthenticationToken(token));
        };
    }

    /** The token of {@code Bearer <b64token>} ({@code [A-Za-z0-9-._~+/]+=*}, RFC 6750 2.1), or null when malformed. */
    static String bearerToken(String authorization) {
        if (authorization.length() <= 7 || authorization.charAt(6) != ' ') {
            return null;
        }
        int end = authorization.length();
        while (end > 7 && authorization.charAt(end - 1) == '=') {
            end--;
        }
        if (end == 7) {
            return null;
        }
        for (int i = 7; i < end; i++) {
            char c = authorization.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
            if (!allowed) {
                return null;
            }
        }
        return authorization.substring(7);
    }

    private static Mono<Void> unauthenticated(ServerWebExchange exchange, AuthenticationException error, ProblemWriter problems) {
        if (error instanceof AuthenticationServiceException) {
            return Mono.error(error);
        }
        boolean tokenSent = error instanceof OAuth2AuthenticationException
                || exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        Problem problem = tokenSent
                ? Problem.of(401, "Sign-in needed", "Your access token is not valid or has expired. Sign in again.", "INVALID_TOKEN")
                        .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                : Problem.of(401, "Sign-in needed", "Sign in, then send your access token in the Authorization header.", "UNAUTHENTICATED")
                        .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return problems.write(exchange, problem);
    }
}
