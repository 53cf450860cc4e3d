package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.commissions.v1.ListCommissionsRequest;
import org.chorus.identity.ChorusTokens;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.membership.v1.ListRoleGrantsRequest;
import org.chorus.membership.v1.RoleGrantsServiceGrpc;
import org.chorus.payments.v1.BenefitsGuidanceServiceGrpc;
import org.chorus.payments.v1.PreviewBenefitsGuidanceRequest;
import org.chorus.reporting.v1.GetImpactRequest;
import org.chorus.reporting.v1.ReportingServiceGrpc;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Forged and foreign tokens, class by class, sent to the gateway (its JSON API and its gRPC door) and
 * straight to every service's gRPC port (zero trust: the gateway is not the only guard). None may be accepted.
 * The claim-level classes are signed by a key the realm trusts (added for the test), so each is refused by
 * the check it is about, not by its signature. Prints {@code token-check: classes=<K> targets=… accepted=<A>}.
 */
class TokenForgeryIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<Status.Code> AFTER_AUTHENTICATION = EnumSet.of(Status.Code.PERMISSION_DENIED, Status.Code.NOT_FOUND,
            Status.Code.INVALID_ARGUMENT, Status.Code.ALREADY_EXISTS, Status.Code.FAILED_PRECONDITION, Status.Code.ABORTED,
            Status.Code.OUT_OF_RANGE, Status.Code.UNIMPLEMENTED);
    static final String TEST_KEY = "chorus-test-forgery-key";
    /** A copy of the command-line client whose access tokens live one second, for a real token that has expired. */
    static final String SHORT_LIVED_CLIENT = "chorus-test-short-lived";
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static ChorusPlatform platform;
    static final HttpClient http = HttpClient.newHttpClient();
    static final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
    }

    @AfterAll
    static void closeChannels() {
        channels.forEach(ManagedChannel::shutdownNow);
    }

    @Test
    void noForgedOrForeignTokenIsAccepted() throws Exception {
        String real = RealKeycloak.get().passwordToken("amara", "demo-password");
        assertThat(gatewayAccepts(List.of("Bearer " + real))).as("the real token is accepted, so the checks below can fail").isTrue();
        assertThat(grpcDoorAccepts(List.of("Bearer " + real))).as("the real token is accepted at the gateway's gRPC door too").isTrue();
        // A service that serves none of its API yet answers UNIMPLEMENTED to everyone: nothing to attack there.
        List<String> targets = ChorusPlatform.SERVICES.stream().filter(service -> serves(service, real)).toList();
        assertThat(targets).as("services that serve their API take the real token").contains("commissions", "membership", "payments");
        assertThat(targets.stream().filter(service -> accepts(service, List.of("Bearer " + real))).toList()).isEqualTo(targets);
        // Accepted everywhere first, so every door remembers it as verified; refused at the end, once it expired.
        String shortLived = shortLivedToken();
        Instant shortLivedUntil = Instant.ofEpochSecond(((Number) json(shortLived.split("\\.")[1]).get("exp")).longValue());
        List<String> shortLivedBearer = List.of("Bearer " + shortLived);
        assertThat(gatewayAccepts(shortLivedBearer) && grpcDoorAccepts(shortLivedBearer)
                && targets.stream().allMatch(service -> accepts(service, shortLivedBearer)))
                .as("a real one-second token is accepted everywhere within the clock skew allowed").isTrue();

        RSAKey trusted = trustedTestKey();
        String signedByTheTrustedKey = signed(trusted, json(real.split("\\.")[1]), Function.identity());
        awaitTrusted(signedByTheTrustedKey, targets);

        Map<String, String> tokens = forgeries(real, trusted);
        Map<String, List<String>> forged = new LinkedHashMap<>();
        tokens.forEach((name, token) -> forged.put(name, List.of("Bearer " + token)));
        forged.put("two Authorization headers, a forged one first",
                List.of("Bearer " + tokens.get("signed by another key with the realm's key id"), "Bearer " + real));
        forged.put("two Authorization headers, the real one first", List.of("Bearer " + real, "Bearer " + tokens.get("alg none")));
        Duration untilExpired = Duration.between(Instant.now(), shortLivedUntil.plus(ChorusTokens.MAX_CLOCK_SKEW).plusSeconds(2));
        if (!untilExpired.isNegative()) {
            Thread.sleep(untilExpired.toMillis());
        }
        forged.put("a real token, accepted before, after it expired", shortLivedBearer);
        List<String> accepted = new ArrayList<>();
        for (var forgery : forged.entrySet()) {
            if (gatewayAccepts(forgery.getValue())) {
                accepted.add(forgery.getKey() + " at the gateway");
            }
            if (grpcDoorAccepts(forgery.getValue())) {
                accepted.add(forgery.getKey() + " at the gateway's gRPC door");
            }
            targets.stream().filter(service -> accepts(service, forgery.getValue()))
                    .forEach(service -> accepted.add(forgery.getKey() + " at " + service));
        }

        System.out.println("token-check: classes=" + forged.size() + " targets=gateway,gateway-grpc," + String.join(",", targets)
                + " accepted=" + accepted.size());
        assertThat(forged).hasSizeGreaterThanOrEqualTo(24);
        assertThat(accepted).isEmpty();
    }

    private Map<String, String> forgeries(String real, RSAKey trusted) throws Exception {
        String[] parts = real.split("\\.");
        Map<String, Object> header = json(parts[0]);
        Map<String, Object> claims = json(parts[1]);
        RSAKey attacker = new RSAKeyGenerator(2048).keyID(String.valueOf(header.get("kid"))).generate();
        Map<String, String> forged = new LinkedHashMap<>();

        forged.put("alg none", encode(Map.of("alg", "none", "typ", "JWT")) + "." + parts[1] + ".");
        forged.put("HS256 signed with the realm's public key", hs256WithPublicKey(claims));
        forged.put("signed by another key with the realm's key id", signed(attacker, claims, Function.identity()));
        forged.put("wrong issuer", signed(attacker, claims, c -> with(c, "iss", "http://127.0.0.1:1/realms/chorus")));
        forged.put("wrong audience", signed(attacker, claims, c -> with(c, "aud", List.of("account"))));
        forged.put("expired beyond the skew", signed(attacker, claims, c -> with(c, "exp", Instant.now().minusSeconds(120).getEpochSecond())));
        forged.put("not valid before a future time", signed(attacker, claims, c -> with(c, "nbf", Instant.now().plusSeconds(600).getEpochSecond())));
        forged.put("unknown key id", signedWithHeader(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker-key").build(), attacker, claims));
        forged.put("jku pointing elsewhere", signedWithHeader(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker-key")
                .jwkURL(URI.create("http://127.0.0.1:1/jwks.json")).build(), attacker, claims));
        forged.put("x5u pointing elsewhere", signedWithHeader(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker-key")
                .x509CertURL(URI.create("http://127.0.0.1:1/cert.pem")).build(), attacker, claims));
        forged.put("tampered payload", parts[0] + "." + encode(with(claims, "groups", List.of("/commissions/salford/finance"))) + "." + parts[2]);
        forged.put("truncated", real.substring(0, real.length() - 12));
        forged.put("oversized", parts[0] + "." + encode(with(claims, "padding", "x".repeat(64 * 1024))) + "." + parts[2]);
        forged.put("from another realm (master)", keycloakToken("master", "admin-cli", "admin", "admin", "access_token"));
        forged.put("valid signature, no chorus audience", keycloakToken("chorus", "admin-cli", "amara", "demo-password", "access_token"));

        // Signed by a key the realm trusts: each refused by the check on the claim it is about.
        forged.put("trusted key, wrong issuer", signed(trusted, claims, c -> with(c, "iss", "http://127.0.0.1:1/realms/chorus")));
        forged.put("trusted key, wrong audience", signed(trusted, claims, c -> with(c, "aud", List.of("account"))));
        forged.put("trusted key, expired beyond the skew", signed(trusted, claims,
                c -> with(c, "exp", Instant.now().minusSeconds(120).getEpochSecond())));
        forged.put("trusted key, not valid before a future time", signed(trusted, claims,
                c -> with(c, "nbf", Instant.now().plusSeconds(600).getEpochSecond())));
        forged.put("trusted key, typ ID", signed(trusted, claims, c -> with(c, "typ", "ID")));
        forged.put("trusted key, typ Refresh", signed(trusted, claims, c -> with(c, "typ", "Refresh")));
        forged.put("trusted key, no typ", signed(trusted, claims, c -> {
            Map<String, Object> without = new LinkedHashMap<>(c);
            without.remove("typ");
            return without;
        }));
        // Tricks in the header.
        forged.put("embedded jwk header", signedWithHeader(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .jwk(attacker.toPublicJWK()).build(), attacker, claims));
        forged.put("alg None", encode(Map.of("alg", "None", "typ", "JWT")) + "." + parts[1] + ".");
        forged.put("alg NONE", encode(Map.of("alg", "NONE", "typ", "JWT")) + "." + parts[1] + ".");
        forged.put("empty signature", parts[0] + "." + parts[1] + ".");
        // Real tokens of another kind.
        forged.put("an ID token as an access token", keycloakToken("chorus", "chorus-cli", "amara", "demo-password", "id_token"));
        forged.put("a refresh token as an access token", keycloakToken("chorus", "chorus-cli", "amara", "demo-password", "refresh_token"));
        return forged;
    }

    private boolean gatewayAccepts(List<String> authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/v1/commissions"));
        authorization.forEach(value -> request.header("Authorization", value));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode() / 100 == 2;
    }

    /** Whether the gateway's gRPC door took the token as a caller's, by the same measure as {@link #accepts}. */
    private boolean grpcDoorAccepts(List<String> authorization) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", platform.config().ports().gatewayGrpc())
                .usePlaintext().build();
        channels.add(channel);
        try {
            CommissionsServiceGrpc.newBlockingStub(channel).withInterceptors(headers(authorization))
                    .withDeadlineAfter(10, TimeUnit.SECONDS).listCommissions(ListCommissionsRequest.getDefaultInstance());
            return true;
        } catch (StatusRuntimeException e) {
            return AFTER_AUTHENTICATION.contains(e.getStatus().getCode());
        }
    }

    /**
     * Whether the service took the token as a caller's: it answered, or refused for a reason that
     * comes after knowing who calls. UNAUTHENTICATED, and the transport's own refusals (an oversized
     * header never reaches the service), are not acceptance.
     */
    private boolean accepts(String service, List<String> authorization) {
        try {
            call(service, authorization);
            return true;
        } catch (StatusRuntimeException e) {
            return AFTER_AUTHENTICATION.contains(e.getStatus().getCode());
        }
    }

    private boolean serves(String service, String token) {
        try {
            call(service, List.of("Bearer " + token));
            return true;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode() != Status.Code.UNIMPLEMENTED;
        }
    }

    private void call(String service, List<String> authorization) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", platform.config().ports().service(service).grpc())
                .usePlaintext().build();
        channels.add(channel);
        var bearer = headers(authorization);
        switch (service) {
            case "commissions" -> CommissionsServiceGrpc.newBlockingStub(channel).withInterceptors(bearer)
                    .withDeadlineAfter(10, TimeUnit.SECONDS).listCommissions(ListCommissionsRequest.getDefaultInstance());
            case "membership" -> RoleGrantsServiceGrpc.newBlockingStub(channel).withInterceptors(bearer)
                    .withDeadlineAfter(10, TimeUnit.SECONDS).listRoleGrants(ListRoleGrantsRequest.newBuilder().setParent("commissions/leeds").build());
            case "payments" -> BenefitsGuidanceServiceGrpc.newBlockingStub(channel).withInterceptors(bearer)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .previewBenefitsGuidance(PreviewBenefitsGuidanceRequest.newBuilder().setParent("commissions/leeds").build());
            case "reporting" -> ReportingServiceGrpc.newBlockingStub(channel).withInterceptors(bearer)
                    .withDeadlineAfter(10, TimeUnit.SECONDS).getImpact(GetImpactRequest.newBuilder().setName("commissions/leeds/impact").build());
            default -> throw new IllegalArgumentException(service);
        }
    }

    private String keycloakToken(String realm, String client, String user, String password, String kind) throws Exception {
        String base = RealKeycloak.get().baseUrl();
        String form = "grant_type=password&scope=openid&client_id=" + client + "&username=" + user + "&password=" + password;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("Keycloak issues the foreign token for " + realm + "/" + client).isEqualTo(200);
        Object token = JSON.readValue(response.body(), Map.class).get(kind);
        assertThat(token).as(kind + " from " + realm + "/" + client).isNotNull();
        return String.valueOf(token);
    }

    /**
     * A real access token from Keycloak that lives one second: a copy of the command-line client with
     * that lifespan, made for the test and removed after it.
     */
    private String shortLivedToken() throws Exception {
        KeycloakAdminCalls admin = KeycloakAdminCalls.asMasterAdmin(RealKeycloak.get().baseUrl());
        var client = (ObjectNode) admin.call("GET", "/admin/realms/chorus/clients?clientId=chorus-cli", null).get(0);
        client.remove("id");
        client.put("clientId", SHORT_LIVED_CLIENT);
        client.withObjectProperty("attributes").put("access.token.lifespan", "1");
        admin.call("POST", "/admin/realms/chorus/clients", JSON.writeValueAsString(client));
        return keycloakToken("chorus", SHORT_LIVED_CLIENT, "amara", "demo-password", "access_token");
    }

    /** Sends each value as an {@code authorization} header of its own. */
    private static ClientInterceptor headers(List<String> authorization) {
        Metadata headers = new Metadata();
        authorization.forEach(value -> headers.put(AUTHORIZATION, value));
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    /**
     * An RSA key the chorus realm trusts: an extra key provider, below the realm's own (so Keycloak still
     * signs with its own), published in its JWKS. Tokens signed with it pass the signature check, so
     * each claim-level forgery is refused by the check it is about. Removed again after the test.
     */
    private static RSAKey trustedTestKey() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).generate();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.toRSAPrivateKey().getEncoded()) + "\n-----END PRIVATE KEY-----";
        KeycloakAdminCalls admin = KeycloakAdminCalls.asMasterAdmin(RealKeycloak.get().baseUrl());
        String realm = admin.call("GET", "/admin/realms/chorus", null).path("id").asString();
        admin.call("POST", "/admin/realms/chorus/components", JSON.writeValueAsString(Map.of(
                "name", TEST_KEY, "providerId", "rsa", "providerType", "org.keycloak.keys.KeyProvider", "parentId", realm,
                "config", Map.of("priority", List.of("1"), "enabled", List.of("true"), "active", List.of("true"),
                        "algorithm", List.of("RS256"), "privateKey", List.of(pem)))));
        String jwks = http.send(HttpRequest.newBuilder(URI.create(RealKeycloak.get().issuerUri() + "/protocol/openid-connect/certs")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String kid = JWKSet.parse(jwks).getKeys().stream()
                .filter(k -> k instanceof RSAKey rsa && rsa.getModulus().equals(key.getModulus()))
                .findFirst().orElseThrow(() -> new AssertionError("The realm does not publish the test key: " + jwks)).getKeyID();
        return new RSAKey.Builder(key).keyID(kid).build();
    }

    /** The control for the trusted key: the real claims, signed with it, are accepted everywhere (keys are fetched again on a new kid). */
    private void awaitTrusted(String token, List<String> targets) throws Exception {
        List<String> authorization = List.of("Bearer " + token);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        boolean everywhere;
        do {
            everywhere = gatewayAccepts(authorization) && grpcDoorAccepts(authorization)
                    && targets.stream().allMatch(service -> accepts(service, authorization));
            if (!everywhere) {
                Thread.sleep(2_000);
            }
        } while (!everywhere && System.nanoTime() < until);
        assertThat(everywhere).as("a token signed by the trusted test key, with real claims, is accepted everywhere").isTrue();
    }

    @AfterAll
    static void removeTheTestKeyAndClient() throws Exception {
        KeycloakAdminCalls admin = KeycloakAdminCalls.asMasterAdmin(RealKeycloak.get().baseUrl());
        for (var component : admin.call("GET", "/admin/realms/chorus/components?name=" + TEST_KEY, null)) {
            admin.call("DELETE", "/admin/realms/chorus/components/" + component.path("id").asString(), null);
        }
        for (var client : admin.call("GET", "/admin/realms/chorus/clients?clientId=" + SHORT_LIVED_CLIENT, null)) {
            admin.call("DELETE", "/admin/realms/chorus/clients/" + client.path("id").asString(), null);
        }
    }

    private String hs256WithPublicKey(Map<String, Object> claims) throws Exception {
        String jwks = http.send(HttpRequest.newBuilder(URI.create(RealKeycloak.get().issuerUri() + "/protocol/openid-connect/certs")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        RSAKey realmKey = JWKSet.parse(jwks).getKeys().stream().filter(k -> k instanceof RSAKey).map(k -> (RSAKey) k)
                .findFirst().orElseThrow();
        byte[] secret = realmKey.toRSAPublicKey().getEncoded();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(realmKey.getKeyID()).build(),
                JWTClaimsSet.parse(claims));
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static String signed(RSAKey key, Map<String, Object> claims, Function<Map<String, Object>, Map<String, Object>> change) throws Exception {
        return signedWithHeader(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                key, change.apply(claims));
    }

    private static String signedWithHeader(JWSHeader header, RSAKey key, Map<String, Object> claims) throws Exception {
        SignedJWT jwt = new SignedJWT(header, JWTClaimsSet.parse(claims));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(claims);
        changed.put(name, value);
        return changed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String part) throws Exception {
        return JSON.readValue(Base64.getUrlDecoder().decode(part), Map.class);
    }

    private static String encode(Map<String, Object> value) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
    }

}
