package org.chorus.gateway.transcoding;

import com.google.protobuf.Descriptors;
import com.google.protobuf.util.JsonFormat;
import org.chorus.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Wires the proto-driven JSON API: all of {@code /v1/**} goes to one {@link TranscodingHandler}.
 * Functional routes are consulted before the gateway's proxy routes, so the contract wins.
 */
@Configuration(proxyBeanMethods = false)
public class TranscodingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TranscodingConfiguration.class);

    @Bean
    ProtoDescriptors protoDescriptors() {
        return ProtoDescriptors.load(TranscodingConfiguration.class.getClassLoader());
    }

    @Bean
    RouteTable routeTable(ProtoDescriptors descriptors) {
        RouteTable table = RouteTable.from(descriptors);
        table.routes().forEach(route -> log.info("Route {} → {} ({})",
                route.describe(), route.method().getFullName(), route.backend()));
        return table;
    }

    /** Every message of the contract, so {@code Any} fields can be written and read as JSON. */
    @Bean
    JsonFormat.TypeRegistry protoTypeRegistry(ProtoDescriptors descriptors) {
        JsonFormat.TypeRegistry.Builder registry = JsonFormat.TypeRegistry.newBuilder();
        for (Descriptors.FileDescriptor file : descriptors.files()) {
            registry.add(file.getMessageTypes());
        }
        return registry.build();
    }

    @Bean
    GrpcBackends grpcBackends(GatewayProperties properties) {
        return new GrpcBackends(properties.backends());
    }

    @Bean
    TranscodingHandler transcodingHandler(RouteTable routes, JsonFormat.TypeRegistry types, GrpcBackends backends,
                                          GatewayProperties properties) {
        return new TranscodingHandler(routes, types, backends, properties);
    }

    @Bean
    RouterFunction<ServerResponse> transcodingRoutes(TranscodingHandler handler) {
        return RouterFunctions.route(RequestPredicates.path("/v1/**"), handler::handle);
    }
}
