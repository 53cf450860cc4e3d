package org.chorus.gateway.grpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.grpc.Grpc;
import io.grpc.HandlerRegistry;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerMethodDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The gateway's gRPC door: a gRPC server (Netty, HTTP/2 over TLS when the gateway has a certificate, else plaintext)
 * on its own port whose only handler is a
 * fallback registry. Any method of the contract is looked up by its full name and forwarded as bytes by a
 * {@link GrpcForwarder}; there is no per-method code, so a new RPC in {@code proto/} is served as soon as the
 * gateway runs with the new descriptor set. An unknown method is {@code UNIMPLEMENTED}, as from any gRPC server.
 * Started after the application context is ready; stopped first on shutdown, letting calls in flight finish.
 */
public final class GrpcDoor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GrpcDoor.class);

    private final int requestedPort;
    private final ServerCredentials credentials;
    private final int maxMessageSize;
    private final ContractMethods methods;
    private final GrpcForwarder.Door door;
    private final Map<String, ServerMethodDefinition<byte[], byte[]>> definitions = new ConcurrentHashMap<>();
    private volatile Server server;

    GrpcDoor(int port, ServerCredentials credentials, int maxMessageSize, ContractMethods methods, GrpcForwarder.Door door) {
        this.requestedPort = port;
        this.credentials = credentials;
        this.maxMessageSize = maxMessageSize;
        this.methods = methods;
        this.door = door;
    }

    /** The port the door listens on (the chosen one when 0 was asked for); -1 when it is not running. */
    public int port() {
        Server running = server;
        return running == null ? -1 : running.getPort();
    }

    @Override
    public void start() {
        HandlerRegistry registry = new HandlerRegistry() {
            @Override
            public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
                return methods.find(methodName)
                        .map(method -> definitions.computeIfAbsent(methodName, name ->
                                ServerMethodDefinition.create(method.grpc(), new GrpcForwarder(method, door))))
                        .orElse(null);
            }
        };
        try {
            server = Grpc.newServerBuilderForPort(requestedPort, credentials)
                    .fallbackHandlerRegistry(registry)
                    // Nothing in a forwarded call blocks (GrpcForwarder), so it runs on the transport's own threads:
                    // no hop to an executor per message. The gateway's tests fail any blocking call there (BlockHound).
                    .directExecutor()
                    .maxInboundMessageSize(maxMessageSize)
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("The gRPC door cannot listen on port " + requestedPort, e);
        }
        log.info("gRPC door open on port {}", server.getPort());
    }

    @Override
    public void stop() {
        Server running = server;
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(20, TimeUnit.SECONDS)) {
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
