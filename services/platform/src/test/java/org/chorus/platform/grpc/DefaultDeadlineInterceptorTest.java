package org.chorus.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DefaultDeadlineInterceptorTest {

    private final AtomicReference<Deadline> seen = new AtomicReference<>();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).addService(new HealthGrpc.HealthImplBase() {
            @Override
            public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
                seen.set(Context.current().getDeadline());
                response.onNext(HealthCheckResponse.getDefaultInstance());
                response.onCompleted();
            }
        }).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void aCallWithoutADeadlineGetsTheDefault() {
        var stub = HealthGrpc.newBlockingStub(ClientInterceptors.intercept(channel,
                new DefaultDeadlineInterceptor(Duration.ofSeconds(3))));

        stub.check(HealthCheckRequest.getDefaultInstance());

        assertThat(seen.get()).isNotNull();
        assertThat(seen.get().timeRemaining(TimeUnit.MILLISECONDS)).isBetween(1_000L, 3_000L);
    }

    @Test
    void aDeadlineTheCallerSetIsKept() {
        var stub = HealthGrpc.newBlockingStub(ClientInterceptors.intercept(channel,
                new DefaultDeadlineInterceptor(Duration.ofSeconds(3))));

        stub.withDeadlineAfter(60, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance());

        assertThat(seen.get().timeRemaining(TimeUnit.SECONDS)).isGreaterThan(30);
    }
}
