package org.chorus.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

class NotServingOnShutdownTest {

    @Test
    void healthTurnsNotServingWhileTheServerStillAnswers() throws Exception {
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus("", ServingStatus.SERVING);
        String name = InProcessServerBuilder.generateName();
        var server = InProcessServerBuilder.forName(name).addService(health.getHealthService()).build().start();
        var channel = InProcessChannelBuilder.forName(name).build();
        try {
            var stub = HealthGrpc.newBlockingStub(channel);
            assertThat(stub.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);

            new NotServingOnShutdown(health, Duration.ZERO)
                    .onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));

            assertThat(stub.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
            health.setStatus("", ServingStatus.SERVING);
            assertThat(stub.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                    .as("a terminal NOT_SERVING is not undone by the periodic health update")
                    .isEqualTo(ServingStatus.NOT_SERVING);
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
        }
    }
}
