package org.chorus.gateway.backends;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.TlsChannelCredentials;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.chorus.platform.channels.AddressListNameResolverProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * One shared plaintext channel per service, made when the gateway starts (making one loads gRPC's providers
 * from the class path, which must not happen on an event loop; it connects only on first use) and closed
 * when the gateway stops.
 * Addresses come from {@code chorus.gateway.backends.<service>=host:port[,host:port…]}: every instance of the
 * service. Calls go round-robin over the instances whose gRPC health says SERVING ({@link #SERVICE_CONFIG}), so
 * an instance that is stopping (NOT_SERVING first, then draining) gets no new calls and a rolling restart loses
 * none. The channels are plaintext, or TLS with {@link #credentials} (mutual when the bundle holds the gateway's own
 * certificate and key).
 * <p>
 * Every call the gateway makes to a service goes through these channels, from either door, a repeat included, so
 * they count the attempts: {@code chorus.gateway.backend.attempts{backend}}. Against the requests callers sent, it
 * shows how much more load retries put on a service (a breaker's refusals make no attempt).
 */
public class GrpcBackends implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GrpcBackends.class);

    /** After a failed connection, a new attempt is forced at most this often (gRPC's own backoff grows to minutes). */
    private static final long RECONNECT_NUDGE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Round robin over the instances, each watched through {@code grpc.health.v1.Health/Watch} (the whole server: ""). */
    static final Map<String, Object> SERVICE_CONFIG = Map.of(
            "loadBalancingConfig", List.of(Map.of("round_robin", Map.of())),
            "healthCheckConfig", Map.of("serviceName", ""));

    private final Map<String, String> addresses;
    private final ChannelCredentials credentials;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastNudge = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public GrpcBackends(Map<String, String> addresses) {
        this(addresses, InsecureChannelCredentials.create(), new SimpleMeterRegistry());
    }

    public GrpcBackends(Map<String, String> addresses, ChannelCredentials credentials, MeterRegistry meters) {
        this.credentials = credentials;
        this.addresses = Map.copyOf(addresses);
        this.addresses.forEach((backend, address) -> open(backend, address, meters));
    }

    private void open(String backend, String address, MeterRegistry meters) {
        log.info("Opening a gRPC channel to {} at {}", backend, address);
        Counter attempts = Counter.builder("chorus.gateway.backend.attempts")
                .description("Calls the gateway started to a backend service, each repeat counted")
                .tag("backend", backend)
                .register(meters);
        List<String> instances = Arrays.stream(address.split(",")).map(String::strip).toList();
        channels.put(backend, Grpc.newChannelBuilder(AddressListNameResolverProvider.target(instances), credentials)
                .defaultServiceConfig(SERVICE_CONFIG)
                .userAgent("chorus-gateway")
                .intercept(countingAttempts(attempts))
                // The answers' callbacks only hand the message on (both doors, never blocking: BlockHound checks), so
                // they run on gRPC's transport threads instead of hopping to an executor.
                .directExecutor()
                .build());
    }

    /**
     * How the gateway reaches the services: plaintext when no bundle is named (development, or a network that
     * encrypts for us), else TLS trusting the bundle's trust store, presenting the bundle's certificate (mutual TLS)
     * when it has a key store. Each service's certificate must name the host the gateway calls it by.
     */
    public static ChannelCredentials credentials(SslBundles bundles, String bundleName) {
        if (bundleName == null || bundleName.isBlank()) {
            return InsecureChannelCredentials.create();
        }
        SslBundle bundle = bundles.getBundle(bundleName);
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder()
                .trustManager(bundle.getManagers().getTrustManagers());
        if (bundle.getStores().getKeyStore() != null) {
            tls.keyManager(bundle.getManagers().getKeyManagers());
        }
        return tls.build();
    }

    private static ClientInterceptor countingAttempts(Counter attempts) {
        return new ClientInterceptor() {
            @Override
            public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
                attempts.increment();
                return next.newCall(method, options);
            }
        };
    }

    public boolean knows(String backend) {
        return addresses.containsKey(backend);
    }

    /** The channel to a service; {@link IllegalArgumentException} for a service with no address. */
    public ManagedChannel channel(String backend) {
        if (closed) {
            throw new IllegalStateException("The gateway is stopping");
        }
        ManagedChannel channel = channels.get(backend);
        if (channel == null) {
            throw new IllegalArgumentException("No address for " + backend);
        }
        return channel;
    }

    /**
     * Lets a channel in backoff try again now: a service that the gateway started before should be
     * reachable as soon as it is up, not minutes later. Rate-limited so a dead service is not hammered.
     */
    public void nudgeReconnect(String backend) {
        ManagedChannel channel = channels.get(backend);
        if (channel == null) {
            return;
        }
        AtomicLong last = lastNudge.computeIfAbsent(backend, name -> new AtomicLong(System.nanoTime() - RECONNECT_NUDGE_NANOS));
        long now = System.nanoTime();
        long previous = last.get();
        if (now - previous >= RECONNECT_NUDGE_NANOS && last.compareAndSet(previous, now)) {
            channel.resetConnectBackoff();
        }
    }

    /** Lets a channel in backoff try again now, without {@link #nudgeReconnect}'s rate limit (a breaker turning half-open). */
    public void reconnectNow(String backend) {
        ManagedChannel channel = channels.get(backend);
        if (channel != null) {
            channel.resetConnectBackoff();
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        closed = true;
        channels.values().forEach(ManagedChannel::shutdown);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (ManagedChannel channel : channels.values()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !channel.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                channel.shutdownNow();
            }
        }
        channels.clear();
    }
}
