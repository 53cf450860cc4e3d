package org.chorus.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The benchmark's default HTTP/1.1 client for the gateway, on Reactor Netty: keep-alive connections from a
 * pool, two event-loop threads, no per-request thread hand-off. It costs the load generator about two
 * thirds of the CPU a request that the JDK's {@code HttpClient} did (see the README).
 */
final class NettyJsonClient implements JsonClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ConnectionProvider connections;
    private final LoopResources loops;
    private final HttpClient client;

    NettyJsonClient(String baseUrl, Supplier<String> authorization) {
        // Enough connections for the queue an open loop builds past saturation; waiters are not limited.
        this.connections = ConnectionProvider.builder("chorus-bench").maxConnections(512).pendingAcquireMaxCount(-1).build();
        this.loops = LoopResources.create("chorus-bench-http", 2, true);
        this.client = HttpClient.create(connections)
                .runOn(loops)
                .protocol(HttpProtocol.HTTP11)
                .baseUrl(baseUrl)
                .responseTimeout(TIMEOUT)
                .headersWhen(headers -> Mono.fromSupplier(() -> headers.set(HttpHeaderNames.AUTHORIZATION, authorization.get())));
    }

    @Override
    public CompletableFuture<String> get(String path) {
        return answer(client.get().uri(path).responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8)
                .defaultIfEmpty("")
                .map(text -> ok(response.status().code(), "GET", path, text))))
                .toFuture();
    }

    @Override
    public CompletableFuture<String> postAsync(String path, String json) {
        return answer(client.headers(headers -> headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON))
                .post().uri(path)
                .send(ByteBufFlux.fromString(Mono.just(json)))
                .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .map(text -> ok(response.status().code(), "POST", path, text))))
                .toFuture();
    }

    private static Mono<String> answer(Mono<String> call) {
        return call.timeout(TIMEOUT.multipliedBy(2));
    }

    private static String ok(int status, String method, String path, String body) {
        if (status != 200) {
            throw new IllegalStateException("The gateway answered " + method + " " + path + " with " + status + ": " + body);
        }
        return body;
    }

    @Override
    public void close() {
        connections.dispose();
        loops.dispose();
    }
}
