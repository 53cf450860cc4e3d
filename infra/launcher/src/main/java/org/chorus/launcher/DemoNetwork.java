package org.chorus.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small demo network for {@code ./chorus up}, loaded once through the gateway's public API as the
 * realm's fictional demo people: the steps are data, in {@code demo-network.json} (the Leeds and
 * Salford commissions, their scope statements, Salford moved on to Exploration). A marker in the
 * state folder records that it was loaded, and a 409 (already there) counts as done. A failure here
 * is reported but never stops the platform.
 */
public final class DemoNetwork {

    private static final Pattern RELATIVE_DATE = Pattern.compile("\\$\\{date:([+-]\\d{1,4})}");
    private static final Pattern RELATIVE_DAY = Pattern.compile("\"\\$\\{day:([+-]\\d{1,4})}\"");
    private static final Pattern JSON_VALUE = Pattern.compile("\"\\$\\{json:([A-Za-z0-9.]+)}\"");
    private static final Pattern NEW_UUID = Pattern.compile("\\$\\{uuid}");

    public static final String DEMO_PASSWORD = "demo-password";
    public static final String COORDINATOR = "amara";

    private static final String STEPS = "demo-network.json";
    /** In the state folder: the demo network was loaded once (checked again against the data, which may be new). */
    static final String MARKER = "demo-network-loaded";
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
        this.marker = stateDirectory.resolve(MARKER);
        this.out = out;
    }

    /**
     * Loads the demo network unless it is there already: the marker says it was loaded, and Leeds is still there (after
     * the data folder was removed, it is not, and the demo is loaded again). Returns true when it is there.
     */
    public boolean loadOnce() {
        if (Files.exists(marker) && leedsIsThere()) {
            return true;
        }
        try (InputStream in = DemoNetwork.class.getClassLoader().getResourceAsStream(STEPS)) {
            Tokens tokens = new Tokens(keycloak);
            Map<String, String> tokenOf = new HashMap<>();
            // ${key}: a resource name saved by an earlier step ("save": "key"); ${sub}: the caller's id;
            // ${sub:person}: the id of someone an earlier step acted as (to invite them, for example);
            // ${date:+12}: the date that many days from today (UTC), so past and coming sessions stay so;
            // "${day:-9}" (quotes included): that date as a google.type.Date object; ${uuid}: a new request id;
            // ${key.field}: a field of a saved answer, as text in a JSON string; "${json:key.field}" (quotes
            // included): that field as JSON (an array, an object).
            Map<String, String> saved = new HashMap<>();
            Map<String, String> savedJson = new HashMap<>();
            JsonNode steps = JSON.readTree(in).path("steps");
            for (JsonNode step : steps) {
                String person = step.path("as").asString();
                String token = tokenOf.computeIfAbsent(person, who -> tokens.password(who, DEMO_PASSWORD));
                saved.put("sub", subject(token));
                saved.put("sub:" + person, subject(token));
                String answer = send(step.path("method").asString(), fill(step.path("path").asString(), saved, savedJson),
                        fill(JSON.writeValueAsString(step.path("body")), saved, savedJson), token);
                if (step.has("save")) {
                    String key = step.path("save").asString();
                    JsonNode answered = JSON.readTree(answer);
                    saved.put(key, answered.path("name").asString());
                    for (var field : answered.properties()) {
                        String json = JSON.writeValueAsString(field.getValue());
                        savedJson.put(key + "." + field.getKey(), json);
                        saved.put(key + "." + field.getKey(), field.getValue().isString() ? json.substring(1, json.length() - 1) : json);
                    }
                }
            }
            Files.writeString(marker, steps.size() + " steps\n");
            out.println("loaded   demo network: commissions leeds and salford (" + steps.size() + " steps)");
            return true;
        } catch (RuntimeException | IOException e) {
            out.println("warning  demo network not loaded: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String fill(String text, Map<String, String> saved, Map<String, String> savedJson) {
        String filled = RELATIVE_DATE.matcher(text).replaceAll(days ->
                LocalDate.now(ZoneOffset.UTC).plusDays(Long.parseLong(days.group(1))).toString());
        filled = RELATIVE_DAY.matcher(filled).replaceAll(days -> {
            LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(Long.parseLong(days.group(1)));
            return "{\"year\": " + day.getYear() + ", \"month\": " + day.getMonthValue() + ", \"day\": " + day.getDayOfMonth() + "}";
        });
        filled = JSON_VALUE.matcher(filled).replaceAll(field -> Matcher.quoteReplacement(savedJson.getOrDefault(field.group(1), "null")));
        filled = NEW_UUID.matcher(filled).replaceAll(id -> UUID.randomUUID().toString());
        for (var value : saved.entrySet()) {
            filled = filled.replace("${" + value.getKey() + "}", value.getValue());
        }
        return filled;
    }

    /** The token's subject: who the step acts as (read, not checked: it comes straight from Keycloak). */
    /** Whether the demo's first commission answers: with a marker, data removed since would otherwise leave no commissions. */
    private boolean leedsIsThere() {
        try {
            String token = new Tokens(keycloak).password("amara", DEMO_PASSWORD);
            HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/commissions/leeds")).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token).GET().build();
            // Only a plain "not found" loads it again: steps that move money would be made twice over a demo that is there.
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 404;
        } catch (IOException | RuntimeException unanswered) {
            // Not sure: leave the demo as it is rather than load it twice.
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static String subject(String token) {
        byte[] payload = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
        return JSON.readTree(payload).path("sub").asString();
    }

    /** Sends one step; answers the response body ("{}" when it was already there). */
    private String send(String method, String path, String body, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        long deadline = System.nanoTime() + WAIT_FOR_BACKENDS.toNanos();
        while (true) {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status / 100 == 2) {
                return response.body();
            }
            if (status == 409) {
                return "{}";
            }
            // 502/503/504: the gateway is up but a backend is still warming up; try again shortly.
            boolean transientFailure = status == 502 || status == 503 || status == 504;
            if (!transientFailure || System.nanoTime() > deadline) {
                throw new IllegalStateException(method + " " + path + " answered HTTP " + status + ": " + abbreviate(response.body()));
            }
            Thread.sleep(1000);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
