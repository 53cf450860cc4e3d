package org.chorus.membership.keycloak;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientBuilder;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.chorus.platform.config.ChorusIdentityProperties;
import org.jboss.resteasy.client.jaxrs.ResteasyClientBuilder;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keycloak's admin REST API, as this service alone: the {@code chorus-membership-admin} client's
 * credentials (client credentials grant), whose service account holds just the realm-management
 * roles membership needs (users, groups, organisations, identity providers, sign-in flows). The
 * other services' client, {@code chorus-services}, holds no admin role, so a leaked secret of any
 * other service cannot administer the realm. Every call has a deadline: 5 s to connect, 15 s to answer.
 */
@Component
public class KeycloakAdmin implements DisposableBean {

    private final Keycloak keycloak;
    private final String realm;

    KeycloakAdmin(ChorusIdentityProperties identity,
                  @Value("${chorus.membership.keycloak.server-url:}") String serverUrl,
                  @Value("${chorus.membership.keycloak.client-id}") String clientId,
                  @Value("${chorus.membership.keycloak.client-secret}") String clientSecret) {
        String issuer = identity.issuerUri();
        int realms = issuer.lastIndexOf("/realms/");
        if (realms < 0) {
            throw new IllegalArgumentException("chorus.identity.issuer-uri must be a Keycloak realm, …/realms/<realm>: " + issuer);
        }
        this.realm = issuer.substring(realms + "/realms/".length());
        // Keycloak is reached where this service asks for its own tokens (the issuer's address unless
        // configured otherwise, as in containers), or where chorus.membership.keycloak.server-url says.
        String tokenUri = identity.tokenUri();
        String reachable = tokenUri.contains("/realms/") ? tokenUri.substring(0, tokenUri.indexOf("/realms/")) : issuer.substring(0, realms);
        ResteasyClientBuilder http = ((ResteasyClientBuilder) ClientBuilder.newBuilder())
                .connectionPoolSize(10)
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(15, TimeUnit.SECONDS);
        http.register(JacksonProvider.class, 100);
        this.keycloak = KeycloakBuilder.builder()
                .serverUrl(serverUrl == null || serverUrl.isBlank() ? reachable : serverUrl)
                .realm(realm)
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .resteasyClient(http.build())
                .build();
    }

    /** The network's realm. */
    public RealmResource realm() {
        return keycloak.realm(realm);
    }

    /**
     * Runs one admin call, turning "Keycloak could not be reached" and its 5xx, 401 and 403 answers
     * into {@link Unavailable}; other answers (404, 409) stay as they are for the caller to read.
     */
    public <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (ProcessingException unreachable) {
            throw new Unavailable("Keycloak could not be reached: " + unreachable.getMessage(), unreachable);
        } catch (WebApplicationException refused) {
            int status = refused.getResponse().getStatus();
            if (status >= 500 || status == 401 || status == 403) {
                throw new Unavailable("Keycloak answered HTTP " + status, refused);
            }
            throw refused;
        }
    }

    @Override
    public void destroy() {
        keycloak.close();
    }

    /** Keycloak could not be reached, or refused this service. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
