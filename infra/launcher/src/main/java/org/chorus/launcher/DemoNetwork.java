package org.chorus.launcher;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A small demo network for {@code ./chorus up}: the Leeds and Salford commissions, created
 * through the gateway's public API as the coordinator {@code amara}. The people are the realm's
 * demo users. Loaded once: a marker in the state folder records it, and a 409 (already exists)
 * counts as loaded. A failure here is reported but never stops the platform.
 */
public final class DemoNetwork {

    public static final String DEMO_PASSWORD = "demo-password";
    public static final String COORDINATOR = "amara";

    record DemoCommission(String id, String displayName, String place) {
    }

    static final List<DemoCommission> COMMISSIONS = List.of(
            new DemoCommission("leeds", "Leeds Poverty Truth Commission", "Leeds"),
            new DemoCommission("salford", "Salford Poverty Truth Commission", "Salford"));

    private static final Duration WAIT_FOR_BACKENDS = Duration.ofSeconds(60);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KeycloakEndpoint keycloak;
    private final String gatewayUrl;
    private final Path marker;
    private final PrintStream out;

    public DemoNetwork(KeycloakEndpoint keycloak, String gatewayUrl, Path stateDirectory, PrintStream out) {
        this.keycloak = keycloak;
        this.gatewayUrl = gatewayUrl;
        this.marker = stateDirectory.resolve("demo-network-loaded");
        this.out = out;
    }

    /** Loads the demo network unless it was loaded before. Returns true when it is there. */
    public boolean loadOnce() {
        if (Files.exists(marker)) {
            return true;
        }
        try {
            String token = new Tokens(keycloak).password(COORDINATOR, DEMO_PASSWORD);
            for (DemoCommission commission : COMMISSIONS) {
                create(commission, token);
            }
            Files.writeString(marker, "leeds salford\n");
            out.println("loaded   demo network: commissions leeds and salford");
            return true;
        } catch (RuntimeException | IOException e) {
            out.println("warning  demo network not loaded: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void create(DemoCommission commission, String token) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of(
                "displayName", commission.displayName(),
                "place", commission.place(),
                "startDate", Map.of("year", 2026, "month", 3, "day", 14)));
        // The gateway maps POST /v1/commissions with body "commission": the body is the
        // Commission itself and its id goes in the query string.
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/commissions?commissionId=" + commission.id()))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long deadline = System.nanoTime() + WAIT_FOR_BACKENDS.toNanos();
        while (true) {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status / 100 == 2 || status == 409) {
                return;
            }
            // 502/503/504: the gateway is up but a backend is still warming up; try again shortly.
            boolean transientFailure = status == 502 || status == 503 || status == 504;
            if (!transientFailure || System.nanoTime() > deadline) {
                throw new IllegalStateException("creating commission " + commission.id() + " answered HTTP "
                        + status + ": " + abbreviate(response.body()));
            }
            Thread.sleep(1000);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
