package org.chorus.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** {@link JsonClient} on the JDK's {@code HttpClient} (HTTP/1.1, a pool of 4 threads), as the benchmark first used. */
final class JdkJsonClient implements JsonClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(executor).build();
    private final String baseUrl;
    private final Supplier<String> authorization;

    JdkJsonClient(String baseUrl, Supplier<String> authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    @Override
    public CompletableFuture<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", authorization.get()).timeout(TIMEOUT).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> ok(response, "GET", path));
    }

    @Override
    public CompletableFuture<String> postAsync(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", authorization.get()).header("Content-Type", "application/json").timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> ok(response, "POST", path));
    }

    private static String ok(HttpResponse<String> response, String method, String path) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The gateway answered " + method + " " + path + " with "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    @Override
    public void close() {
        http.shutdownNow();
        executor.shutdownNow();
    }
}
