package org.chorus.platform.security;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executor;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's own identity for calls it makes on its own behalf (not a person's): a Keycloak
 * client-credentials token for the {@code chorus-services} client, fetched when first needed and
 * again shortly before it expires. Attach it to a stub with {@code withCallCredentials}.
 */
public final class ServiceCredentials extends CallCredentials {

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);

    private final URI tokenEndpoint;
    private final String form;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    public ServiceCredentials(String tokenEndpoint, String clientId, String clientSecret, Clock clock) {
        this.tokenEndpoint = URI.create(tokenEndpoint);
        this.form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        this.clock = clock;
    }

    @Override
    public void applyRequestMetadata(RequestInfo request, Executor executor, MetadataApplier applier) {
        executor.execute(() -> {
            try {
                Metadata headers = new Metadata();
                headers.put(CallerInterceptor.AUTHORIZATION, "Bearer " + token());
                applier.apply(headers);
            } catch (IOException | RuntimeException e) {
                applier.fail(Status.UNAUTHENTICATED.withDescription("This service could not get its own access token").withCause(e));
            }
        });
    }

    synchronized String token() throws IOException {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while asking for a service token", e);
            }
            if (response.statusCode() != 200) {
                throw new IOException("Keycloak refused the service's token request (HTTP " + response.statusCode() + ")");
            }
            Map<?, ?> body = json.readValue(response.body(), Map.class);
            token = String.valueOf(body.get("access_token"));
            long lifetime = ((Number) body.get("expires_in")).longValue();
            renewAt = clock.instant().plusSeconds(lifetime).minus(RENEW_BEFORE_EXPIRY);
        }
        return token;
    }
}
