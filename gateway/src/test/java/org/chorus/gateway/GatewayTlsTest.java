package org.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.chorus.commissions.v1.CommissionsServiceGrpc;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.gateway.grpc.GrpcDoor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;

/**
 * The gateway given a certificate ({@code server.ssl.bundle}, PEM files as Kubernetes mounts a TLS Secret): the JSON
 * door serves HTTPS, the gRPC door serves TLS with the same certificate, and the certificate's expiry is a metric the
 * alert rules read. The certificate is a self-signed one for localhost, made for this test (resources/tls).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.ssl.bundle.pem.gateway.keystore.certificate=classpath:tls/gateway-test.crt",
        "spring.ssl.bundle.pem.gateway.keystore.private-key=classpath:tls/gateway-test.key",
        "server.ssl.bundle=gateway",
        "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1/realms/chorus"})
class GatewayTlsTest {

    @LocalServerPort
    int port;
    @Autowired
    GrpcDoor door;

    @Test
    void theJsonDoorServesHttpsAndTheCertificatesExpiryIsAMetric() throws Exception {
        try (HttpClient https = HttpClient.newBuilder().sslContext(trusting()).build()) {
            HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/actuator/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String metrics = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/actuator/prometheus"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(metrics).as("the series the certificate-expiry alerts read")
                    .containsPattern("ssl_chain_expiry_seconds\\{[^}]*bundle=\"gateway\"[^}]*} [0-9.E]+");
        }
        try (HttpClient trustingNothing = HttpClient.newHttpClient()) {
            assertThatThrownBy(() -> trustingNothing.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/actuator/health"))
                    .build(), HttpResponse.BodyHandlers.discarding()))
                    .as("a client that does not trust the certificate does not get in").hasCauseInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void theGrpcDoorServesTlsWithTheSameCertificate() throws Exception {
        GetCommissionRequest request = GetCommissionRequest.newBuilder().setName("commissions/leeds").build();
        ManagedChannel tls = Grpc.newChannelBuilderForAddress("localhost", door.port(),
                TlsChannelCredentials.newBuilder().trustManager(new ClassPathResource("tls/gateway-test.crt").getInputStream()).build()).build();
        ManagedChannel plaintext = Grpc.newChannelBuilderForAddress("localhost", door.port(), InsecureChannelCredentials.create()).build();
        try {
            assertThatThrownBy(() -> CommissionsServiceGrpc.newBlockingStub(tls).withDeadlineAfter(10, TimeUnit.SECONDS).getCommission(request))
                    .as("through TLS to the door, which asks for a token")
                    .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
            assertThatThrownBy(() -> CommissionsServiceGrpc.newBlockingStub(plaintext).withDeadlineAfter(10, TimeUnit.SECONDS).getCommission(request))
                    .as("plaintext HTTP/2 is not spoken")
                    .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            tls.shutdownNow();
            plaintext.shutdownNow();
        }
    }

    /** An SSL context that trusts the test certificate and nothing else. */
    private static SSLContext trusting() throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream certificate = new ClassPathResource("tls/gateway-test.crt").getInputStream()) {
            trusted.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(certificate));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
