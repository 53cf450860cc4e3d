package org.chorus.console.config;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.chorus.identity.ChorusTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may see which page. The gateway signs people in and relays each one's access token as a bearer token
 * (TokenRelay); the console checks it again, as every service does (the gateway is not the only guard), and
 * keeps no session of its own. The platform still decides every call: the roles here only choose which
 * links to show.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * Nothing but the console's own stylesheet, script, images and forms: no inline script, no frames, no other
     * origin. The SVG charts are drawn with presentation attributes, so no inline style is needed either. The one
     * script (the warning before signing out for doing nothing, assets/idle.js) asks the console's own address to
     * keep the session (connect-src 'self'). "Sign out" posts to the gateway, which redirects to Keycloak to end
     * the sign-in there, and browsers apply form-action to where a form's answer redirects; so Keycloak's origin
     * (the issuer's) is allowed as a form target too.
     */
    public static String contentSecurityPolicy(String issuer) {
        return "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; form-action 'self' "
                + origin(issuer) + "; frame-ancestors 'none'; base-uri 'none'";
    }

    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    @Bean
    SecurityFilterChain consoleSecurity(HttpSecurity http, JwtDecoder jwtDecoder,
                                        @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer) throws Exception {
        AuthenticationEntryPoint toSignIn = (request, response, failure) ->
                response.sendRedirect(request.getContextPath() + "/sign-in");
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        // Only this site's own forms send it back; the cookie's path is the context path (/console).
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return http
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                // Spring's own CSRF setup is off because the resource server switches it off for every request
                // that carries a bearer token (an API's caller sends no cookies), and behind TokenRelay every
                // request here carries one, though it comes from a browser with cookies. The same filter, added
                // by hand, checks every form.
                .csrf(csrf -> csrf.disable())
                .addFilterAt(new CsrfFilter(csrfTokens), CsrfFilter.class)
                // The token is written as a cookie before the page is rendered: a long page commits the
                // response before Thymeleaf asks for the token, and a cookie added then would be lost.
                .addFilterAfter(new LoadCsrfToken(), CsrfFilter.class)
                .authorizeHttpRequests(pages -> pages
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers("/sign-in", "/assets/**", "/actuator/health", "/actuator/health/**").permitAll()
                        // Scraped by Prometheus like every service's; counts only, nothing about a person.
                        .requestMatchers("/actuator/prometheus").permitAll()
                        .requestMatchers("/actuator/**").denyAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(jwtDecoder))
                        .authenticationEntryPoint(toSignIn))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(toSignIn))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(issuer)))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frames -> frames.deny()))
                .build();
    }

    /** The same check of a token as the gateway's and the services' (ChorusTokens); keys fetched on first use. */
    @Bean
    JwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
                          @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri) {
        return ChorusTokens.decoder(issuer, jwkSetUri.isBlank() ? issuer + "/protocol/openid-connect/certs" : jwkSetUri);
    }

    private static final class LoadCsrfToken extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
