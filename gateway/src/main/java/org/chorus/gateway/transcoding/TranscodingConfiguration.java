package org.chorus.gateway.transcoding;

import org.chorus.contract.ProtoDescriptors;
import com.google.protobuf.Descriptors;
import com.google.protobuf.util.JsonFormat;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.chorus.gateway.GatewayProperties;
import com.zaxxer.hikari.HikariDataSource;
import org.chorus.gateway.ratelimit.InMemoryRateLimitStore;
import org.chorus.gateway.ratelimit.PostgresRateLimitStore;
import org.chorus.gateway.ratelimit.RateLimitStore;
import org.chorus.gateway.ratelimit.RateLimiter;
import org.chorus.gateway.resilience.BackendGuards;
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
    BackendGuards backendGuards(GatewayProperties properties, MeterRegistry meters) {
        BackendGuards guards = new BackendGuards(properties.resilience());
        // resilience4j_circuitbreaker_state{name=<backend>,state=…} and the bulkhead's gauges, per backend.
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(guards.breakers()).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(guards.bulkheads()).bindTo(meters);
        // Made up front, so every backend's breaker state is visible before its first call.
        properties.backends().keySet().forEach(backend -> {
            guards.breaker(backend);
            guards.bulkhead(backend);
        });
        return guards;
    }

    /** Shared by every instance in PostgreSQL when a database is configured (./chorus up does), else this instance's memory. */
    @Bean
    RateLimitStore rateLimitStore(GatewayProperties properties) {
        GatewayProperties.RateLimits limits = properties.rateLimits();
        if (limits.database().url().isBlank()) {
            return new InMemoryRateLimitStore();
        }
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("rate-limits");
        pool.setJdbcUrl(limits.database().url());
        pool.setUsername(limits.database().username());
        pool.setPassword(limits.database().password());
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(1_000);
        pool.setInitializationFailTimeout(-1);
        // A database that stops answering frees the store's threads after this long (seconds); requests
        // never wait for them (PostgresRateLimitStore).
        pool.addDataSourceProperty("socketTimeout", "10");
        return new PostgresRateLimitStore(pool, limits.blockSize(), limits.instances());
    }

    @Bean
    RateLimiter rateLimiter(GatewayProperties properties, RateLimitStore store, MeterRegistry meters) {
        return new RateLimiter(properties.rateLimits(), store, meters);
    }

    @Bean
    TranscodingHandler transcodingHandler(RouteTable routes, JsonFormat.TypeRegistry types, GrpcBackends backends,
                                          GatewayProperties properties, BackendGuards guards, RateLimiter rateLimiter,
                                          MeterRegistry meters) {
        return new TranscodingHandler(routes, types, backends, properties, guards, rateLimiter, meters);
    }

    @Bean
    RouterFunction<ServerResponse> transcodingRoutes(TranscodingHandler handler) {
        return RouterFunctions.route(RequestPredicates.path("/v1/**"), handler::handle);
    }
}
