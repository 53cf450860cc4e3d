package org.chorus.gateway.console;

import java.net.URI;
import java.util.Map;
import org.chorus.gateway.GatewayProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Signing people in for the console's pages (backend for frontend): the gateway runs Keycloak's authorisation code
 * flow with PKCE as the confidential {@code chorus-gateway} client, keeps the person's tokens in its own session
 * (a cookie that is {@code HttpOnly} and {@code SameSite=Lax}), and relays the access token to the console with
 * SCG's {@code TokenRelay} filter, refreshing it when it expires. No token ever reaches the browser. The JSON API
 * and the gRPC door stay as they are: bearer tokens only, no session.
 * <p>
 * Keycloak's addresses are written out from the issuer rather than discovered, so the gateway starts before
 * Keycloak does, as it does for the API.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${chorus.gateway.console.uri:http://127.0.0.1:8085}'.isBlank()")
public class ConsoleSignInConfiguration {

    static final String REGISTRATION = "keycloak";
    static final String SIGN_IN_PAGE = "/console/sign-in";

    @Bean
    ReactiveClientRegistrationRepository clientRegistrations(GatewayProperties properties,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer) {
        // The browser goes to the public issuer; the gateway's own calls may take another way to the same realm.
        String openid = issuer + "/protocol/openid-connect";
        String backChannel = (properties.console().backChannel().isBlank() ? issuer : properties.console().backChannel())
                + "/protocol/openid-connect";
        return new InMemoryReactiveClientRegistrationRepository(ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(properties.console().clientId())
                .clientSecret(properties.console().clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .issuerUri(issuer)
                .authorizationUri(openid + "/auth")
                .tokenUri(backChannel + "/token")
                .jwkSetUri(backChannel + "/certs")
                .userInfoUri(backChannel + "/userinfo")
                .userNameAttributeName("sub")
                // Read by the sign-out handler, to end the Keycloak session too.
                .providerConfigurationMetadata(Map.of("end_session_endpoint", openid + "/logout"))
                .build());
    }

    /** Whether Keycloak answers, on the way the gateway's own calls take (the code exchange's). */
    @Bean
    IssuerReachability issuerReachability(GatewayProperties properties,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer) {
        return new IssuerReachability(WebClient.create(), properties.console().backChannel().isBlank() ? issuer : properties.console().backChannel());
    }

    /** The person's tokens live in the gateway's session and go with it. */
    @Bean
    ServerOAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    /**
     * Gives TokenRelay a fresh access token, refreshing it when it has expired. When Keycloak refuses the refresh
     * (the session ended there, or was signed out elsewhere), the request goes on without a token and the console
     * asks the person to sign in again, rather than the gateway answering 500.
     */
    @Bean
    ReactiveOAuth2AuthorizedClientManager authorizedClientManager(ReactiveClientRegistrationRepository registrations,
                                                                  ServerOAuth2AuthorizedClientRepository clients) {
        DefaultReactiveOAuth2AuthorizedClientManager manager = new DefaultReactiveOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken()
                .build());
        return request -> manager.authorize(request).onErrorResume(ClientAuthorizationException.class, refused -> Mono.empty());
    }

    /**
     * The browser's side, before the API's chain: the console's pages and the sign-in and sign-out addresses. The
     * sign-in page and the console's assets are open; any other page sends a person who is not signed in to the
     * sign-in page, which offers Keycloak and each member organisation's own sign-in.
     * <p>
     * No CSRF token here: the console checks its own on every form (it renders them), and the gateway cannot read a
     * form's body without taking it from the console; a cross-site POST to {@code /logout} carries no session cookie
     * ({@code SameSite=Lax}), so it signs nobody out.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain consoleSignIn(ServerHttpSecurity http, ReactiveClientRegistrationRepository registrations,
                                         ServerOAuth2AuthorizedClientRepository clients, IssuerReachability keycloak) {
        OidcClientInitiatedServerLogoutSuccessHandler signedOut = new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        signedOut.setPostLogoutRedirectUri("{baseUrl}" + SIGN_IN_PAGE + "?signed-out");
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/", "/favicon.ico", "/console", "/console/**",
                        "/oauth2/authorization/**", "/login/oauth2/code/**", "/logout"))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                // Keycloak down: a plain page, not a redirect to an address that does not answer, nor an error.
                .addFilterAt(new SignInUnavailable(keycloak), SecurityWebFiltersOrder.FIRST)
                .authorizeExchange(exchanges -> exchanges
                        // A browser asks every site for /favicon.ico: an open 404, not the API's 401.
                        .pathMatchers("/", "/favicon.ico", SIGN_IN_PAGE, "/console/assets/**").permitAll()
                        .anyExchange().authenticated())
                .oauth2Login(login -> login
                        .authorizedClientRepository(clients)
                        .authorizationRequestResolver(new OrganisationSignIn(registrations)))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new RedirectServerAuthenticationEntryPoint(SIGN_IN_PAGE)))
                .logout(logout -> logout.logoutSuccessHandler(signedOut))
                .build();
    }

    /**
     * The console as an SCG route: TokenRelay puts the signed-in person's access token in the request. SCG's
     * SecureHeaders filter is left out: the console sets a stricter policy of its own on every page. The console's
     * actuator (health, metrics) is not on the route: Kubernetes and Prometheus reach it on the console's own port.
     * It comes after the API's routes, which every API request is matched against first; no path is under both.
     */
    @Bean
    RouteLocator consoleRoute(RouteLocatorBuilder builder, GatewayProperties properties,
                              @Value("${server.reactive.session.cookie.name:SESSION}") String sessionCookie) {
        return builder.routes()
                .route("console", route -> route.order(2)
                        .path("/console", "/console/**")
                        .and().not(actuator -> actuator.path("/console/actuator", "/console/actuator/**"))
                        .filters(filters -> filters.tokenRelay(REGISTRATION).filter(new DropGatewaySessionCookie(sessionCookie)))
                        .uri(properties.console().uri()))
                .build();
    }

    /** The gateway's own address leads to the console. */
    @Bean
    RouterFunction<ServerResponse> rootLeadsToConsole() {
        return RouterFunctions.route(RequestPredicates.GET("/"),
                request -> ServerResponse.temporaryRedirect(URI.create("/console/")).build());
    }
}
