package org.chorus.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in for the Keycloak realm: an RSA key, its JWKS and the OpenID configuration served over
 * local HTTP, and real RS256 tokens signed with it.
 */
final class TestIssuer implements AutoCloseable {

    private final HttpServer server;
    private final RSAKey key;
    private final String issuer;

    private TestIssuer(HttpServer server, RSAKey key, String issuer) {
        this.server = server;
        this.key = key;
        this.issuer = issuer;
    }

    static TestIssuer start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/chorus";
            String configuration = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer
                    + "/protocol/openid-connect/certs\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
            String jwks = new JWKSet(key.toPublicJWK()).toString();
            server.createContext("/realms/chorus/.well-known/openid-configuration", exchange -> respond(exchange, configuration));
            server.createContext("/realms/chorus/protocol/openid-connect/certs", exchange -> respond(exchange, jwks));
            server.start();
            return new TestIssuer(server, key, issuer);
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    String issuer() {
        return issuer;
    }

    /**
     * A token as Keycloak would give it: right issuer, audience {@code chorus}, valid for five minutes,
     * for a network coordinator (who may act in every commission).
     */
    String validToken() {
        return token(issuer, List.of("chorus", "account"), Instant.now().plus(Duration.ofMinutes(5)));
    }

    /** A valid token for another subject (the caller the rate limits count). */
    String tokenFor(String subject) {
        return token(issuer, List.of("chorus"), Instant.now().plus(Duration.ofMinutes(5)), subject);
    }

    String token(String issuer, List<String> audience, Instant expiry) {
        return token(issuer, audience, expiry, "user-1");
    }

    String token(String issuer, List<String> audience, Instant expiry, String subject) {
        return token(issuer, audience, expiry, subject, Map.of("realm_access", Map.of("roles", List.of("coordinator"))));
    }

    /** A valid token for someone who holds roles only through these Keycloak groups (no network role). */
    String tokenWithGroups(String... groups) {
        return token(issuer, List.of("chorus"), Instant.now().plus(Duration.ofMinutes(5)), "member-1",
                Map.of("groups", List.of(groups)));
    }

    String token(String issuer, List<String> audience, Instant expiry, String subject, Map<String, Object> roles) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(expiry.minus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(expiry))
                .claim("typ", "Bearer")
                .claim("azp", "chorus-web");
        roles.forEach(builder::claim);
        JWTClaimsSet claims = builder.build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
