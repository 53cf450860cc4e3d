package org.chorus.gateway.blocking;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What BlockHound (installed for every test of the gateway by its JUnit listener) treats as an event loop,
 * besides Reactor's own (Reactor Netty's loops and the parallel scheduler, which it knows): the threads of
 * gRPC's Netty transport, which carry the gRPC door's calls and the calls to the services. Anything that
 * blocks on one of them fails the test that made it.
 * <p>
 * One read is allowed: {@code SecureRandom} taking bytes from {@code /dev/urandom} (the console's sign-in makes a
 * state, a nonce and a PKCE verifier per sign-in), which Linux answers from memory and never blocks once booted.
 */
public final class GatewayBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.nonBlockingThreadPredicate(current -> current.or(GatewayBlockHoundIntegration::isGrpcTransport))
                .allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes");
    }

    static boolean isGrpcTransport(Thread thread) {
        String name = thread.getName();
        return name.startsWith("grpc-nio-worker-") || name.startsWith("grpc-default-worker-") || name.startsWith("grpc-door-");
    }
}
