package org.chorus.gateway.blocking;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What BlockHound (installed for every test of the gateway by its JUnit listener) treats as an event loop,
 * besides Reactor's own (Reactor Netty's loops and the parallel scheduler, which it knows): the threads of
 * gRPC's Netty transport, which carry the gRPC door's calls and the calls to the services. Anything that
 * blocks on one of them fails the test that made it.
 */
public final class GatewayBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.nonBlockingThreadPredicate(current -> current.or(GatewayBlockHoundIntegration::isGrpcTransport));
    }

    static boolean isGrpcTransport(Thread thread) {
        String name = thread.getName();
        return name.startsWith("grpc-nio-worker-") || name.startsWith("grpc-default-worker-") || name.startsWith("grpc-door-");
    }
}
