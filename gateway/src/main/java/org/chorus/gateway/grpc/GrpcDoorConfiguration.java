package org.chorus.gateway.grpc;

import io.micrometer.core.instrument.MeterRegistry;
import org.chorus.contract.ProtoDescriptors;
import org.chorus.gateway.GatewayProperties;
import org.chorus.gateway.admission.Admission;
import org.chorus.gateway.backends.GrpcBackends;
import org.chorus.gateway.context.Traces;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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
                      ReactiveJwtDecoder jwtDecoder, MeterRegistry meters, Traces traces) {
        return new GrpcDoor(properties.grpc().port(), (int) Math.min(Integer.MAX_VALUE, properties.maxBodySize().toBytes()),
                new ContractMethods(descriptors),
                new GrpcForwarder.Door(backends, admission, jwtDecoder, properties, meters, traces));
    }
}
