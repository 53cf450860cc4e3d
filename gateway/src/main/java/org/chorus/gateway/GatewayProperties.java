package org.chorus.gateway;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What the gateway reads from {@code chorus.gateway.*}.
 *
 * @param backends       the gRPC address ({@code host:port}) of each service, keyed by the second part
 *                       of its proto package ({@code chorus.commissions.v1} → {@code commissions})
 * @param defaultTimeout the deadline of each call to a service
 * @param defaultStreamTimeout the deadline of a server-streaming call (it lasts as long as the stream), unless
 *                       {@link #routes()} sets one for the method; both doors use it
 * @param maxBodySize    the largest JSON body accepted (larger is refused with 413), and the largest request
 *                       message the gRPC door accepts
 * @param retryAfter     what {@code Retry-After} says when a service cannot be reached
 * @param security       token checks
 * @param routes         per-RPC settings, keyed by the gRPC full method name
 *                       ({@code chorus.commissions.v1.CommissionsService/GetCommission}), the service's full name
 *                       ({@code chorus.commissions.v1.CommissionsService}) or the backend ({@code commissions});
 *                       the most specific key wins. Keys with dots or slashes are written in brackets:
 *                       {@code chorus.gateway.routes[chorus.commissions.v1.CommissionsService/GetCommission].timeout=2s}
 * @param resilience     breakers, bulkheads and retries, per backend
 * @param rateLimits     requests allowed per caller and per commission
 * @param grpc           the gateway's own gRPC door
 * @param console        the console's pages, and signing people in to use them
 * @param backendSslBundle the Spring SSL bundle for the channels to the services (TLS, mutual when it has a key
 *                       store; blank: plaintext), e.g. {@code spring.ssl.bundle.pem.internal.*}
 * @param drainDelay     how long a stopping gateway, no longer ready, goes on serving before its servers stop, so
 *                       its load balancer stops sending to it first (0: stop at once)
 */
@ConfigurationProperties("chorus.gateway")
public record GatewayProperties(
        @DefaultValue Map<String, String> backends,
        @DefaultValue("10s") Duration defaultTimeout,
        @DefaultValue("60s") Duration defaultStreamTimeout,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("2s") Duration retryAfter,
        @DefaultValue Security security,
        @DefaultValue Map<String, RouteSettings> routes,
        @DefaultValue Resilience resilience,
        @DefaultValue RateLimits rateLimits,
        @DefaultValue Grpc grpc,
        @DefaultValue Console console,
        @DefaultValue("") String backendSslBundle,
        @DefaultValue("0s") Duration drainDelay) {

    /**
     * The console's pages behind the gateway (backend for frontend): the gateway signs the person in with Keycloak
     * (authorisation code with PKCE), keeps their tokens in its session and relays the access token to the console.
     *
     * @param uri          where the console listens ({@code http://host:port}); blank: no console route and no sign-in
     * @param clientId     the gateway's confidential client in the Chorus realm
     * @param clientSecret its secret (the development one is in application.yaml, where production's check sees it)
     * @param backChannel  the realm's address as the gateway itself reaches it (tokens, keys, user info), where that is
     *                     not the public issuer the browser is sent to (containers); blank: the issuer
     */
    public record Console(@DefaultValue("http://127.0.0.1:8085") String uri,
                          @DefaultValue("chorus-gateway") String clientId,
                          @DefaultValue("") String clientSecret,
                          @DefaultValue("") String backChannel) {

        public boolean enabled() {
            return !uri.isBlank();
        }
    }

    /**
     * The door for gRPC clients (HTTP/2, plaintext h2c): any method of the contract, forwarded to its service.
     *
     * @param enabled whether to open it
     * @param port    where it listens; 0 picks a free port (tests)
     */
    public record Grpc(@DefaultValue("true") boolean enabled, @DefaultValue("8090") int port) {
    }

    /** @param timeout the deadline of calls of this RPC (sent to the service as the gRPC deadline); unset: the default */
    public record RouteSettings(Duration timeout) {
    }

    /**
     * @param failureRateThreshold     percent of failed calls (UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, UNKNOWN) that opens a breaker
     * @param slidingWindowSize        how many recent calls per backend the failure rate is taken over
     * @param minimumNumberOfCalls     no decision before this many calls in the window
     * @param waitInOpenState          how long an open breaker refuses calls before it lets a few through (half-open)
     * @param permittedCallsInHalfOpen how many trial calls a half-open breaker lets through; it decides only once all of
     *                                 them are answered, refusing everyone else meanwhile, so one: the first answer of
     *                                 a service just started decides (with three, its slow first write kept the breaker
     *                                 refusing for a second after two reads had come back fine)
     * @param maxConcurrentCalls       the bulkhead: calls in flight per backend; more are refused at once with 503
     * @param maxAttempts              attempts of a call that is safe to repeat, the first included
     * @param initialBackoff           the first retry waits a random time up to this (full jitter), doubling each time
     * @param maxBackoff               the cap of that doubling
     * @param retryBudgetRatio         retries per backend may be at most this share of calls in the budget window
     * @param retryBudgetMinRetries    retries always allowed per window, so a quiet backend can still be retried
     * @param retryBudgetWindow        the sliding window of the retry budget
     */
    public record Resilience(@DefaultValue("50") float failureRateThreshold,
                             @DefaultValue("20") int slidingWindowSize,
                             @DefaultValue("10") int minimumNumberOfCalls,
                             @DefaultValue("5s") Duration waitInOpenState,
                             @DefaultValue("1") int permittedCallsInHalfOpen,
                             @DefaultValue("256") int maxConcurrentCalls,
                             @DefaultValue("3") int maxAttempts,
                             @DefaultValue("50ms") Duration initialBackoff,
                             @DefaultValue("500ms") Duration maxBackoff,
                             @DefaultValue("0.1") double retryBudgetRatio,
                             @DefaultValue("10") int retryBudgetMinRetries,
                             @DefaultValue("10s") Duration retryBudgetWindow) {
        public Resilience {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("chorus.gateway.resilience.max-attempts must be at least 1");
            }
        }
    }

    /**
     * Fixed-window limits, counted in PostgreSQL and shared by every instance when {@code database.url} is
     * set ({@link org.chorus.gateway.ratelimit.PostgresRateLimitStore}); otherwise in each gateway's memory,
     * each instance allowing {@code limit / instances} (rounded up).
     *
     * @param enabled             whether to limit at all
     * @param perCaller           requests per window for one caller (the token's {@code sub})
     * @param perCommission       requests per window for one commission (from the path), over all callers
     * @param window              the length of a window
     * @param instances           how many gateway instances share the limits (for memory counting, and the fallback)
     * @param blockSize           with PostgreSQL, how many places an instance takes at once
     * @param database            the shared counts' PostgreSQL: {@code url}, {@code username}, {@code password}
     * @param store               how the gateway talks to that database
     */
    public record RateLimits(@DefaultValue("true") boolean enabled,
                             @DefaultValue("600") int perCaller,
                             @DefaultValue("3000") int perCommission,
                             @DefaultValue("60s") Duration window,
                             @DefaultValue("1") int instances,
                             @DefaultValue("10") int blockSize,
                             @DefaultValue Database database,
                             @DefaultValue Store store) {
        public RateLimits {
            if (instances < 1 || perCaller < 1 || perCommission < 1 || blockSize < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("chorus.gateway.rate-limits: limits, window, instances and block size must be positive");
            }
        }

        /** Where shared counts are kept; no {@code url}: each instance counts in its own memory. */
        public record Database(@DefaultValue("") String url, @DefaultValue("") String username, @DefaultValue("") String password) {
        }

        /**
         * The shared store's work, which never runs on a request's thread
         * ({@link org.chorus.gateway.ratelimit.PostgresRateLimitStore}).
         *
         * @param poolSize          connections to the database, and threads that use them
         * @param queueLimit        new blocks (and window clean-ups) waiting for a thread; beyond this, requests count in
         *                          memory
         * @param waitForBlock      how long after a new block is asked for a request that finds no place left waits for it
         *                          before it counts in memory. The database answers in a few milliseconds, and a busy key's
         *                          block is asked for long before it is needed, so a block this late means a database that
         *                          has stalled; requests counted in memory are added to the shared count with the next block.
         *                          The store's threads wait as long for a connection, but at least 250 ms (Hikari's least)
         * @param statementTimeout  a database that stops answering frees the store's threads after this long (the
         *                          driver's socket timeout); whole seconds, at least one
         */
        public record Store(@DefaultValue("4") int poolSize,
                            @DefaultValue("64") int queueLimit,
                            @DefaultValue("50ms") Duration waitForBlock,
                            @DefaultValue("10s") Duration statementTimeout) {
            public Store {
                if (poolSize < 1 || queueLimit < 1 || waitForBlock.isNegative() || waitForBlock.isZero()
                        || statementTimeout.toSeconds() < 1) {
                    throw new IllegalArgumentException("chorus.gateway.rate-limits.store: pool size and queue limit must be at least 1, "
                            + "the wait for a block positive and the statement timeout at least one second");
                }
            }
        }
    }

    /** The deadline of a route: the most specific {@link #routes()} entry that sets one, else the default. */
    public Duration timeoutOf(String fullMethodName, String serviceName, String backend) {
        return timeoutOf(fullMethodName, serviceName, backend, false);
    }

    /**
     * The deadline of a method: the most specific {@link #routes()} entry that sets one, else
     * {@link #defaultStreamTimeout()} for a server-streaming method and {@link #defaultTimeout()} for the others.
     */
    public Duration timeoutOf(String fullMethodName, String serviceName, String backend, boolean serverStreaming) {
        for (String key : new String[] {fullMethodName, serviceName, backend}) {
            RouteSettings settings = routes.get(key);
            if (settings != null && settings.timeout() != null) {
                return settings.timeout();
            }
        }
        return serverStreaming ? defaultStreamTimeout : defaultTimeout;
    }

    /**
     * @param audience  a token must name this audience in {@code aud}
     * @param clockSkew how far token times may be off; at most 60 seconds
     */
    public record Security(@DefaultValue("chorus") String audience, @DefaultValue("60s") Duration clockSkew) {
        public Security {
            if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("chorus.gateway.security.clock-skew must be between 0 and 60 seconds");
            }
        }
    }
}
