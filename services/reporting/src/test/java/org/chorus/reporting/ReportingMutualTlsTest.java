package org.chorus.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.chorus.testrig.UseRealPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * Mutual TLS between the services, with nothing but Spring settings (as the README's operating section names them): the gRPC server
 * presents the bundle's certificate and requires a client certificate signed by the bundle's CA, and a channel with
 * {@code ssl.bundle} set presents this service's own. A caller with no certificate, or plaintext, is turned away
 * before any call runs.
 */
@UseRealPostgres(database = "reporting")
@SpringBootTest(properties = {
        "spring.grpc.server.port=0",
        "spring.ssl.bundle.pem.internal.keystore.certificate=classpath:tls/internal/service.crt",
        "spring.ssl.bundle.pem.internal.keystore.private-key=classpath:tls/internal/service.key",
        "spring.ssl.bundle.pem.internal.truststore.certificate=classpath:tls/internal/ca.crt",
        "spring.grpc.server.ssl.bundle=internal",
        "spring.grpc.server.ssl.client-auth=require",
        "spring.grpc.client.channel.itself.target=static://localhost:${local.grpc.server.port}",
        "spring.grpc.client.channel.itself.ssl.bundle=internal"})
class ReportingMutualTlsTest {

    @LocalGrpcServerPort
    int port;

    @Autowired
    GrpcChannelFactory channels;

    @Test
    void aServiceChannelWithTheBundleIsLetIn() {
        assertThat(health(channels.createChannel("itself"))).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void aCallerWithoutACertificateOrWithoutTlsIsTurnedAway() throws IOException {
        ChannelCredentials trustingButAnonymous;
        try (InputStream ca = getClass().getResourceAsStream("/tls/internal/ca.crt")) {
            trustingButAnonymous = TlsChannelCredentials.newBuilder().trustManager(ca).build();
        }
        for (ChannelCredentials credentials : new ChannelCredentials[] {trustingButAnonymous, InsecureChannelCredentials.create()}) {
            ManagedChannel channel = Grpc.newChannelBuilder("localhost:" + port, credentials).build();
            try {
                assertThatThrownBy(() -> health(channel))
                        .isInstanceOfSatisfying(StatusRuntimeException.class,
                                refused -> assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
            } finally {
                channel.shutdownNow();
            }
        }
    }

    private static ServingStatus health(io.grpc.Channel channel) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance()).getStatus();
    }
}
