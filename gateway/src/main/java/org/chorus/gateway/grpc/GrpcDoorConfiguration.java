package org.chorus.gateway.grpc;

import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import org.chorus.contract.ProtoDescriptors;
import org.chorus.gateway.GatewayProperties;
import org.chorus.gateway.admission.Admission;
import org.chorus.gateway.backends.GrpcBackends;
import org.chorus.gateway.context.Traces;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Wires the gRPC door ({@code chorus.gateway.grpc.*}) to what the JSON door uses: the same descriptors, backend
 * channels, admission (guard, rate limiter, breakers and bulkheads), token decoder, meters and traces.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "chorus.gateway.grpc.enabled", havingValue = "true", matchIfMissing = true)
public class GrpcDoorConfiguration {

    @Bean
    GrpcDoor grpcDoor(GatewayProperties properties, ProtoDescriptors descriptors, GrpcBackends backends, Admission admission,
                      ReactiveJwtDecoder jwtDecoder, MeterRegistry meters, Traces traces, SslBundles bundles,
                      @Value("${server.ssl.bundle:}") String tlsBundle) {
        return new GrpcDoor(properties.grpc().port(), credentials(bundles, tlsBundle),
                (int) Math.min(Integer.MAX_VALUE, properties.maxBodySize().toBytes()),
                new ContractMethods(descriptors),
                new GrpcForwarder.Door(backends, admission, jwtDecoder, properties, meters, traces));
    }

    /**
     * TLS with the JSON door's certificate when the gateway serves HTTPS ({@code server.ssl.bundle}, one certificate for
     * the gateway's public name), else plaintext HTTP/2 (development, or TLS ended in front of the gateway).
     */
    static ServerCredentials credentials(SslBundles bundles, String tlsBundle) {
        if (tlsBundle == null || tlsBundle.isBlank()) {
            return InsecureServerCredentials.create();
        }
        return TlsServerCredentials.newBuilder().keyManager(bundles.getBundle(tlsBundle).getManagers().getKeyManagers()).build();
    }
}
