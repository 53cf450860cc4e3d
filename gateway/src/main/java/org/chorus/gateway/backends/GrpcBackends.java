package org.chorus.gateway.backends;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.chorus.platform.channels.AddressListNameResolverProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import reactor.netty.resources.LoopResources;

/**
 * The channels to each service, made when the gateway starts (making one loads gRPC's providers from the class
 * path, which must not happen on an event loop; it connects only on first use) and closed when the gateway stops.
 * <p>
 * Given the HTTP server's event loops, each service gets one channel on each loop, and a call made on a loop goes
 * through that loop's channel: the request is read, sent to the service, its answer read and the caller answered on
 * one thread, with no hand-over between threads (each was a wake-up of another thread; with one channel on gRPC's
 * own threads, every answer of every request also took turns on the one thread of its connection). A call made
 * off the loops (the gRPC door's, a repeat after its backoff) takes any of them. Without loops (tests of this class
 * alone), each service has one channel on gRPC's own threads.
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
    /** The HTTP server's event loops, in the order of each service's channels; empty: one channel on gRPC's threads. */
    private final List<EventLoop> loops;
    private final Class<? extends SocketChannel> channelType;
    private final Map<String, List<ManagedChannel>> channels = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastNudge = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public GrpcBackends(Map<String, String> addresses) {
        this(addresses, InsecureChannelCredentials.create(), new SimpleMeterRegistry(), null);
    }

    /** @param loops the HTTP server's event loops, for a channel to each service on each; {@code null}: gRPC's own threads */
    public GrpcBackends(Map<String, String> addresses, ChannelCredentials credentials, MeterRegistry meters, LoopResources loops) {
        this.credentials = credentials;
        this.addresses = Map.copyOf(addresses);
        if (loops == null) {
            this.loops = List.of();
            this.channelType = null;
        } else {
            EventLoopGroup group = loops.onServer(LoopResources.DEFAULT_NATIVE);
            List<EventLoop> each = new ArrayList<>();
            group.forEach(loop -> each.add((EventLoop) loop));
            this.loops = List.copyOf(each);
            this.channelType = loops.onChannelClass(SocketChannel.class, group);
        }
        this.addresses.forEach((backend, address) -> open(backend, address, meters));
    }

    private void open(String backend, String address, MeterRegistry meters) {
        log.info("Opening gRPC channels to {} at {}", backend, address);
        Counter attempts = Counter.builder("chorus.gateway.backend.attempts")
                .description("Calls the gateway started to a backend service, each repeat counted")
                .tag("backend", backend)
                .register(meters);
        List<String> instances = Arrays.stream(address.split(",")).map(String::strip).toList();
        List<ManagedChannel> opened = new ArrayList<>();
        for (int i = 0; i < Math.max(1, loops.size()); i++) {
            NettyChannelBuilder builder = NettyChannelBuilder.forTarget(AddressListNameResolverProvider.target(instances), credentials)
                    .defaultServiceConfig(SERVICE_CONFIG)
                    .userAgent("chorus-gateway")
                    .intercept(countingAttempts(attempts))
                    // The answers' callbacks only hand the message on (both doors, never blocking: BlockHound checks), so
                    // they run on the transport's thread instead of hopping to an executor.
                    .directExecutor();
            if (!loops.isEmpty()) {
                builder.eventLoopGroup(loops.get(i)).channelType(channelType, InetSocketAddress.class);
            }
            opened.add(builder.build());
        }
        channels.put(backend, List.copyOf(opened));
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
        List<ManagedChannel> ofBackend = channels.get(backend);
        if (ofBackend == null) {
            throw new IllegalArgumentException("No address for " + backend);
        }
        for (int i = 0; i < loops.size(); i++) {
            if (loops.get(i).inEventLoop()) {
                return ofBackend.get(i);
            }
        }
        return ofBackend.get(ThreadLocalRandom.current().nextInt(ofBackend.size()));
    }

    /**
     * Lets a service's channels in backoff try again now: a service that the gateway started before should be
     * reachable as soon as it is up, not minutes later. Rate-limited so a dead service is not hammered.
     */
    public void nudgeReconnect(String backend) {
        if (!channels.containsKey(backend)) {
            return;
        }
        AtomicLong last = lastNudge.computeIfAbsent(backend, name -> new AtomicLong(System.nanoTime() - RECONNECT_NUDGE_NANOS));
        long now = System.nanoTime();
        long previous = last.get();
        if (now - previous >= RECONNECT_NUDGE_NANOS && last.compareAndSet(previous, now)) {
            reconnectNow(backend);
        }
    }

    /** Lets a service's channels in backoff try again now, without {@link #nudgeReconnect}'s rate limit (a breaker turning half-open). */
    public void reconnectNow(String backend) {
        channels.getOrDefault(backend, List.of()).forEach(ManagedChannel::resetConnectBackoff);
    }

    @Override
    public void destroy() throws InterruptedException {
        closed = true;
        List<ManagedChannel> all = channels.values().stream().flatMap(List::stream).toList();
        all.forEach(ManagedChannel::shutdown);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (ManagedChannel channel : all) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !channel.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                channel.shutdownNow();
            }
        }
        channels.clear();
    }
}
