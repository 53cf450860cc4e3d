package org.chorus.bench;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The benchmark's HTTP/1.1 client for the gateway. Every request carries the caller's token; any answer but
 * 200 fails it. Two implementations, chosen with {@code -Dbench.client}: {@code netty} (the default, Reactor
 * Netty) and {@code jdk} (the JDK's {@code HttpClient}, which the benchmark used first), so the load
 * generator's own cost can be compared on the machine that runs it.
 */
interface JsonClient extends AutoCloseable {

    /** @param authorization the {@code Authorization} header, asked for each request */
    static JsonClient create(String kind, String baseUrl, Supplier<String> authorization) {
        return switch (kind) {
            case "netty" -> new NettyJsonClient(baseUrl, authorization);
            case "jdk" -> new JdkJsonClient(baseUrl, authorization);
            default -> throw new IllegalArgumentException("bench.client is netty or jdk, not " + kind);
        };
    }

    /** GET {@code path}; completes with the answer's body. */
    CompletableFuture<String> get(String path);

    /** POST {@code json} to {@code path}; completes with the answer's body. */
    CompletableFuture<String> postAsync(String path, String json);

    /** POST {@code json} to {@code path}, waiting for the answer; its body. */
    default String post(String path, String json) {
        return postAsync(path, json).join();
    }

    @Override
    void close();
}
