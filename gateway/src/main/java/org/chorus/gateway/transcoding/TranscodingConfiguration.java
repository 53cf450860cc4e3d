package org.chorus.gateway.transcoding;

import com.google.protobuf.Descriptors;
import com.google.protobuf.util.JsonFormat;
import com.zaxxer.hikari.HikariDataSource;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.chorus.contract.ProtoDescriptors;
import org.chorus.gateway.GatewayProperties;
import org.chorus.gateway.admission.Admission;
import org.chorus.gateway.admission.SharedRateLimits;
import org.chorus.gateway.backends.GrpcBackends;
import org.chorus.gateway.context.RequestCommissions;
import org.chorus.gateway.ratelimit.InMemoryRateLimitStore;
import org.chorus.gateway.ratelimit.LimitKey;
import org.chorus.gateway.ratelimit.PostgresRateLimitStore;
import org.chorus.gateway.ratelimit.RateLimitStore;
import org.chorus.gateway.ratelimit.RateLimiter;
import org.chorus.gateway.resilience.BackendGuards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;

/** Wires the proto-driven JSON API: the contract's routes as SCG routes, one per backend, ending in transcoding. */
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
    GrpcBackends grpcBackends(GatewayProperties properties, SslBundles bundles, MeterRegistry meters) {
        return new GrpcBackends(properties.backends(), GrpcBackends.credentials(bundles, properties.backendSslBundle()), meters);
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
        GatewayProperties.RateLimits.Store store = limits.store();
        pool.setMaximumPoolSize(store.poolSize());
        pool.setMinimumIdle(1);
        // Hikari accepts no less than 250 ms.
        pool.setConnectionTimeout(Math.max(250, store.waitForBlock().toMillis()));
        pool.setInitializationFailTimeout(-1);
        // A database that stops answering frees the store's threads after this long; requests never wait for
        // them (PostgresRateLimitStore).
        pool.addDataSourceProperty("socketTimeout", Long.toString(store.statementTimeout().toSeconds()));
        return new PostgresRateLimitStore(pool, limits.blockSize(), limits.instances(), store);
    }

    @Bean
    RateLimiter rateLimiter(GatewayProperties properties, RateLimitStore store, MeterRegistry meters) {
        return new RateLimiter(properties.rateLimits(), store, meters);
    }

    /** What every call passes through, at either door: the commission guard, the rate limits, the bulkhead and breaker. */
    @Bean
    Admission admission(BackendGuards guards, RateLimiter rateLimiter, GrpcBackends backends, GatewayProperties properties) {
        return new Admission(guards, rateLimiter, backends, properties);
    }

    @Bean
    TranscodingFilter transcodingFilter(RouteTable routes, JsonFormat.TypeRegistry types, GrpcBackends backends,
                                        GatewayProperties properties, Admission admission, BackendGuards guards,
                                        MeterRegistry meters, ServerCodecConfigurer codecs) {
        return new TranscodingFilter(routes, types, backends, properties, admission, guards, meters, codecs);
    }

    /** SCG's {@code RequestRateLimiter} counts through the admission's limits, in the shared store ({@link SharedRateLimits}). */
    @Bean
    SharedRateLimits sharedRateLimits(Admission admission) {
        return new SharedRateLimits(admission);
    }

    /** One key for both limits: the caller (the token's subject) and the commission the path names. */
    @Bean
    KeyResolver callerAndCommission(RouteTable routes) {
        return exchange -> exchange.getPrincipal()
                .map(principal -> Optional.ofNullable(principal.getName()))
                .defaultIfEmpty(Optional.empty())
                .map(caller -> {
                    String template = routes.match(exchange) instanceof RouteTable.Match.Found found
                            ? found.route().template().toString() : "none";
                    return new LimitKey(caller.orElse(null), RequestCommissions.of(exchange), template).encode();
                });
    }

    /**
     * The JSON API as SCG routes, one per backend (listed at {@code /actuator/gateway/routes}), each matching that
     * backend's contract routes and ending in the transcoding filter, with SCG's rate limiter before it; then one
     * route for everything else under {@code /v1/}, which answers 404 or 405.
     * <p>
     * Not SCG's filters, each for one reason: its SecureHeaders filter adds its headers after the route's filters have
     * run, when the transcoding has already written the answer, so they never reached a caller (Spring Security's
     * header writer, which writes before the answer is sent, gives every answer them); the breaker and bulkhead
     * ({@code Admission}, {@code BackendGuards}) also guard the gRPC door's streamed calls, which are not exchanges;
     * retries need the gRPC status, the request's {@code request_id} and a retry budget, which the Retry filter cannot
     * see; request size is checked as the body is read ({@link TranscodingFilter}).
     */
    @Bean
    RouteLocator contractRoutes(RouteLocatorBuilder builder, RouteTable routes, GatewayProperties properties,
                                TranscodingFilter transcoding, SharedRateLimits limits, KeyResolver callerAndCommission) {
        RouteLocatorBuilder.Builder locator = builder.routes();
        Set<String> backends = new TreeSet<>();
        routes.routes().forEach(route -> backends.add(route.backend()));
        for (String backend : backends) {
            String address = properties.backends().getOrDefault(backend, "not-configured.invalid");
            locator.route(backend, route -> route.order(0)
                    .asyncPredicate(AsyncPredicate.from(new ContractRoutePredicate(backend, routes)))
                    .filters(filters -> filters
                            .requestRateLimiter(limiter -> limiter
                                    .setRateLimiter(limits)
                                    .setKeyResolver(callerAndCommission)
                                    .setDenyEmptyKey(false))
                            .filter(transcoding))
                    .uri("grpc://" + address));
        }
        locator.route("no-such-route", route -> route.order(1)
                .path("/v1/**")
                .filters(filters -> filters.filter(transcoding))
                .uri("no://op"));
        return locator.build();
    }
}
