package org.chorus.gateway.backends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * Two real instances of one service behind one address list: the gateway's channel spreads calls over both,
 * and stops sending to one as soon as it says NOT_SERVING (what a stopping service says first), so a rolling
 * restart sends nothing to an instance on its way down.
 */
class GrpcBackendsTest {

    private final Instance first = new Instance();
    private final Instance second = new Instance();
    private GrpcBackends backends;

    @AfterEach
    void stop() throws Exception {
        if (backends != null) {
            backends.destroy();
        }
        first.server.shutdownNow();
        second.server.shutdownNow();
    }

    @Test
    void callsGoToEveryInstanceThatServesAndNoneToOneThatIsStopping() {
        backends = new GrpcBackends(Map.of("commissions",
                "127.0.0.1:" + first.server.getPort() + ", 127.0.0.1:" + second.server.getPort()));
        HealthGrpc.HealthBlockingStub stub = HealthGrpc.newBlockingStub(backends.channel("commissions"));

        eventually(Duration.ofSeconds(10), () -> {
            stub.check(HealthCheckRequest.getDefaultInstance());
            assertThat(first.calls).hasPositiveValue();
            assertThat(second.calls).hasPositiveValue();
        });

        first.health.setStatus("", ServingStatus.NOT_SERVING);
        eventually(Duration.ofSeconds(5), () -> {
            int before = first.calls.get();
            for (int i = 0; i < 20; i++) {
                stub.check(HealthCheckRequest.getDefaultInstance());
            }
            assertThat(first.calls).as("calls to the instance that is stopping").hasValue(before);
        });
        int toSecond = second.calls.get();
        for (int i = 0; i < 20; i++) {
            stub.check(HealthCheckRequest.getDefaultInstance());
        }
        assertThat(second.calls.get() - toSecond).isEqualTo(20);

        first.health.setStatus("", ServingStatus.SERVING);
        eventually(Duration.ofSeconds(5), () -> {
            int before = first.calls.get();
            stub.check(HealthCheckRequest.getDefaultInstance());
            stub.check(HealthCheckRequest.getDefaultInstance());
            assertThat(first.calls.get()).isGreaterThan(before);
        });
    }

    @Test
    void withTheInternalBundleTheGatewayProvesWhoItIsToAServiceThatAsksAndTrustsOnlyItsCa() throws Exception {
        Server mutual = Grpc.newServerBuilderForPort(0, TlsServerCredentials.newBuilder()
                        .keyManager(resource("service.crt"), resource("service.key"))
                        .trustManager(resource("ca.crt"))
                        .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                        .build())
                .addService(new HealthStatusManager().getHealthService())
                .build()
                .start();
        String address = "127.0.0.1:" + mutual.getPort();
        try {
            backends = new GrpcBackends(Map.of("payments", address), GrpcBackends.credentials(bundles(true), "internal"), new SimpleMeterRegistry());
            assertThat(HealthGrpc.newBlockingStub(backends.channel("payments"))
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);

            GrpcBackends withoutCertificate = new GrpcBackends(Map.of("payments", address),
                    GrpcBackends.credentials(bundles(false), "internal"), new SimpleMeterRegistry());
            try {
                assertThatThrownBy(() -> HealthGrpc.newBlockingStub(withoutCertificate.channel("payments"))
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class,
                                refused -> assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
            } finally {
                withoutCertificate.destroy();
            }
            assertThat(GrpcBackends.credentials(bundles(true), "")).isInstanceOf(InsecureChannelCredentials.class);
        } finally {
            mutual.shutdownNow();
        }
    }

    @Test
    void eachCallToABackendIsAnAttemptCountedForIt() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        backends = new GrpcBackends(Map.of("payments", "127.0.0.1:1", "commissions", "127.0.0.1:1"),
                InsecureChannelCredentials.create(), meters);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> HealthGrpc.newBlockingStub(backends.channel("payments"))
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            refused -> assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        }

        assertThat(meters.get("chorus.gateway.backend.attempts").tag("backend", "payments").counter().count()).isEqualTo(3);
        assertThat(meters.get("chorus.gateway.backend.attempts").tag("backend", "commissions").counter().count()).isZero();
    }

    /** The bundle {@code internal} as {@code spring.ssl.bundle.pem.internal.*} would make it: the CA, and the gateway's key. */
    private static SslBundles bundles(boolean withKey) {
        PemSslStoreDetails trust = PemSslStoreDetails.forCertificate("classpath:tls/internal/ca.crt");
        PemSslStoreDetails key = withKey
                ? PemSslStoreDetails.forCertificate("classpath:tls/internal/gateway.crt")
                        .withPrivateKey("classpath:tls/internal/gateway.key")
                : null;
        DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
        registry.registerBundle("internal", SslBundle.of(new PemSslStoreBundle(key, trust)));
        return registry;
    }

    private static InputStream resource(String name) {
        return GrpcBackendsTest.class.getResourceAsStream("/tls/internal/" + name);
    }

    /** Runs the check until it passes, or fails with its last failure after the timeout. */
    private static void eventually(Duration timeout, Runnable check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A gRPC server with the standard health service, counting the calls it is sent (not the health watches). */
    private static final class Instance {

        final HealthStatusManager health = new HealthStatusManager();
        final AtomicInteger calls = new AtomicInteger();
        final Server server;

        Instance() {
            ServerInterceptor counting = new ServerInterceptor() {
                @Override
                public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                                    ServerCallHandler<Q, R> next) {
                    ServerCall.Listener<Q> listener = next.startCall(call, headers);
                    if (!call.getMethodDescriptor().getBareMethodName().equals("Check")) {
                        return listener;
                    }
                    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
                        @Override
                        public void onHalfClose() {
                            calls.incrementAndGet();
                            super.onHalfClose();
                        }
                    };
                }
            };
            try {
                server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                        .addService(ServerInterceptors.intercept(health.getHealthService(), counting))
                        .build()
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
