package org.chorus.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The whole platform as local processes, started in order: PostgreSQL; then Keycloak and the
 * four services together; then the gateway and the console together. Each part is waited on through its health check.
 * {@link #close()} stops everything in reverse. If a part fails to start, the last lines of its
 * log are printed, what already started is stopped, and {@link StartupException} is thrown.
 */
public final class ChorusPlatform implements AutoCloseable {

    public static final List<String> SERVICES = List.of("commissions", "membership", "payments", "reporting");
    public static final List<String> DATABASES = List.of("commissions", "membership", "payments", "reporting",
            "gateway", LocalKeycloak.DATABASE);
    public static final String GATEWAY = "gateway";
    public static final String CONSOLE = "console";
    /** How long a stopping instance goes on serving while the others' balancers take it out (several instances only). */
    static final String DRAIN_DELAY = "1s";

    private final PlatformConfig config;
    private final PrintStream out;
    private final PidFiles pidFiles;
    /** Everything started, in start order; closed in reverse. */
    private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
    /** How each service and the gateway was launched, to launch it the same way again. */
    private final Map<String, List<String>> launchArguments = new ConcurrentHashMap<>();
    private final Map<String, Integer> httpPorts = new ConcurrentHashMap<>();
    /** Each instance's module (its jar): {@code payments-2} runs {@code payments}. */
    private final Map<String, String> modules = new ConcurrentHashMap<>();
    /** The ports of every instance of each service and of the gateway, chosen before any starts. */
    private final Map<String, ServicePorts> instancePorts = new ConcurrentHashMap<>();
    private PostgresEndpoint postgres;
    private KeycloakEndpoint keycloak;
    private volatile boolean closed;

    private ChorusPlatform(PlatformConfig config) {
        this.config = config;
        this.out = config.progress();
        this.pidFiles = new PidFiles(config.pidDirectory());
    }

    public static ChorusPlatform start(PlatformConfig config) {
        ChorusPlatform platform = new ChorusPlatform(config);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException e) {
            platform.out.println("failed  " + e.getMessage());
            platform.close();
            throw e;
        }
    }

    private void startAll() {
        checkPortsFree();
        choosePorts();
        postgres = config.externalPostgres().orElseGet(this::startPostgres);
        for (String database : DATABASES) {
            Databases.createIfMissing(postgres, database);
        }

        ExecutorService executor = Executors.newFixedThreadPool(SERVICES.size() * config.instances() + 1);
        try {
            CompletableFuture<KeycloakEndpoint> keycloakReady = config.externalKeycloak()
                    .map(CompletableFuture::completedFuture)
                    .orElseGet(() -> CompletableFuture.supplyAsync(this::startKeycloak, executor));
            // The services only need the issuer's URL at start; they fetch its keys on first use.
            KeycloakEndpoint issuer = config.externalKeycloak()
                    .orElse(new KeycloakEndpoint("http://127.0.0.1:" + config.ports().keycloak()));
            List<CompletableFuture<Void>> all = new ArrayList<>();
            all.add(keycloakReady.thenAccept(ready -> { }));
            for (String service : SERVICES) {
                for (String instance : instancesOf(service)) {
                    all.add(CompletableFuture.runAsync(() -> startService(instance, service, issuer), executor));
                }
            }
            awaitAll(all);
            keycloak = keycloakReady.join();
        } finally {
            executor.shutdownNow();
        }
        try (var last = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (String gateway : instancesOf(GATEWAY)) {
                all.add(CompletableFuture.runAsync(() -> startGateway(gateway), last));
            }
            all.add(CompletableFuture.runAsync(this::startConsole, last));
            awaitAll(all);
        }
        GatewaySignInAddresses.allow(keycloak, gatewayUrls());
    }

    /** The first instance of each part has the configured ports; the others, free ones. */
    private void choosePorts() {
        Ports ports = config.ports();
        for (int instance = 1; instance <= config.instances(); instance++) {
            Ports these = instance == 1 ? ports : Ports.free();
            for (String service : SERVICES) {
                instancePorts.put(instanceName(service, instance), these.service(service));
            }
            instancePorts.put(instanceName(GATEWAY, instance), new ServicePorts(these.gateway(), these.gatewayGrpc()));
        }
    }

    private static String instanceName(String part, int instance) {
        return instance == 1 ? part : part + "-" + instance;
    }

    /** The names of a service's or the gateway's instances, as {@link #restart} and {@link #crash} take them. */
    public List<String> instancesOf(String part) {
        List<String> names = new ArrayList<>();
        for (int instance = 1; instance <= config.instances(); instance++) {
            names.add(instanceName(part, instance));
        }
        return names;
    }

    /**
     * Every instance of a service, as {@code host:port,host:port}: the gateway takes the list as it is, the services
     * as the target {@code addresses:///…} ({@code AddressListNameResolverProvider}), and both balance over it.
     */
    private String grpcAddresses(String service) {
        return instancesOf(service).stream()
                .map(instance -> "127.0.0.1:" + instancePorts.get(instance).grpc())
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** Returns when all are done, or throws the first failure at once (the others are then stopped by close()). */
    private static void awaitAll(List<CompletableFuture<Void>> futures) {
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        futures.forEach(f -> f.whenComplete((ignored, failure) -> {
            if (failure != null) {
                firstFailure.completeExceptionally(failure);
            }
        }));
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        try {
            CompletableFuture.anyOf(all, firstFailure).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() instanceof CompletionException inner ? inner.getCause() : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StartupException(String.valueOf(cause), cause);
        }
    }

    private void checkPortsFree() {
        Ports ports = config.ports();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        if (config.externalPostgres().isEmpty()) {
            wanted.put("PostgreSQL", ports.postgres());
        }
        if (config.externalKeycloak().isEmpty()) {
            wanted.put("Keycloak", ports.keycloak());
            wanted.put("Keycloak management", ports.keycloakManagement());
        }
        wanted.put("the gateway", ports.gateway());
        wanted.put("the gateway (gRPC)", ports.gatewayGrpc());
        wanted.put("the console", ports.console());
        for (String service : SERVICES) {
            wanted.put(service + " (HTTP)", ports.service(service).http());
            wanted.put(service + " (gRPC)", ports.service(service).grpc());
        }
        wanted.forEach((what, port) -> {
            if (Ports.inUse(port)) {
                throw new StartupException("Port " + port + " for " + what + " is already in use"
                        + PortHolder.of(port).map(holder -> " by " + holder).orElse("")
                        + ". Is Chorus already running? Try ./chorus status, or ./chorus down.");
            }
        });
    }

    private PostgresEndpoint startPostgres() {
        long begin = System.nanoTime();
        out.println("starting postgres…");
        int port = config.ports().postgres();
        LocalPostgres local = config.keepData()
                ? LocalPostgres.startKeepingData(port, config.postgresDataDirectory())
                : LocalPostgres.startTemporary(port);
        started.add(local);
        if (config.recordPids()) {
            local.pid().ifPresent(pid -> pidFiles.record("postgres", pid, local.dataDirectory().toString()));
        }
        ready("postgres", "jdbc:postgresql://127.0.0.1:" + port, begin);
        return local.endpoint();
    }

    private KeycloakEndpoint startKeycloak() {
        long begin = System.nanoTime();
        out.println("starting keycloak…");
        Ports ports = config.ports();
        LocalKeycloak local = LocalKeycloak.launch(config.projectRoot(), config.stateDirectory(), ports.keycloak(),
                ports.keycloakManagement(), postgres, config.logDirectory().resolve("keycloak.log"));
        track(local);
        String marker = "--http-port=" + ports.keycloak();
        if (config.recordPids()) {
            pidFiles.record("keycloak", local.process().handle().pid(), marker);
        }
        try {
            local.awaitReady(config.startTimeout());
        } catch (StartupException e) {
            throw new StartupException("keycloak did not start: " + e.getMessage(), e);
        }
        if (config.recordPids()) {
            // After its first build kc.sh relaunches java; record the JVM that is serving now.
            ProcessHandle worker = local.process().workerHandle();
            if (worker.pid() != local.process().handle().pid()) {
                pidFiles.record("keycloak", worker.pid(), marker);
            }
        }
        if (config.keepData()) {
            applyRealmFile(local);
        }
        ready("keycloak", local.baseUrl(), begin);
        return local.endpoint();
    }

    /**
     * Carries a change of the realm file to a Keycloak whose realm was imported at an earlier start (Keycloak imports a
     * file only into an empty database), and says what changed.
     */
    private void applyRealmFile(LocalKeycloak keycloak) {
        Path realm = ProjectRoot.realmFile(config.projectRoot());
        try {
            RealmChanges.apply(keycloak.baseUrl(), LocalKeycloak.ADMIN_USERNAME, LocalKeycloak.ADMIN_PASSWORD,
                    Files.readString(realm), System.getenv()).forEach(change -> out.println("realm    " + change));
        } catch (IOException | RuntimeException e) {
            throw new StartupException("Could not bring Keycloak's realm in line with " + realm + ": " + e.getMessage(), e);
        }
    }

    private void startService(String name, String service, KeycloakEndpoint issuer) {
        long begin = System.nanoTime();
        out.println("starting " + name + "…");
        ServicePorts ports = instancePorts.get(name);
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + ports.http(),
                "--spring.grpc.server.port=" + ports.grpc(),
                "--spring.datasource.url=" + postgres.jdbcUrl(service),
                "--spring.flyway.user=" + postgres.user(),
                "--spring.flyway.password=" + postgres.password(),
                "--chorus.identity.issuer-uri=" + issuer.issuerUri(),
                "--management.endpoint.health.probes.enabled=true"));
        // Every service may call every other one (commissions sets new commissions up everywhere), at every instance
        // (the services' defaults balance round robin over those that say they serve).
        for (String other : SERVICES) {
            if (!other.equals(service)) {
                arguments.add("--spring.grpc.client.channel." + other + ".target=addresses:///" + grpcAddresses(other));
            }
        }
        if (config.instances() > 1) {
            // Time for the others' channels to hear NOT_SERVING before this instance stops taking calls.
            arguments.add("--chorus.grpc.drain-delay=" + DRAIN_DELAY);
        }
        launchAndAwait(name, service, arguments, ports.http(), begin);
    }

    private void startGateway(String name) {
        long begin = System.nanoTime();
        out.println("starting " + name + "…");
        ServicePorts ports = instancePorts.get(name);
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + ports.http(),
                "--chorus.gateway.grpc.port=" + ports.grpc(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + keycloak.issuerUri(),
                "--management.endpoint.health.probes.enabled=true",
                // Rate-limit counts shared by every gateway instance (PostgresRateLimitStore).
                "--chorus.gateway.rate-limits.database.url=" + postgres.jdbcUrl(GATEWAY),
                "--chorus.gateway.rate-limits.database.username=" + postgres.user(),
                "--chorus.gateway.rate-limits.database.password=" + postgres.password(),
                "--chorus.gateway.console.uri=" + consoleUrl()));
        for (String service : SERVICES) {
            arguments.add("--chorus.gateway.backends." + service + "=" + grpcAddresses(service));
        }
        if (config.instances() > 1) {
            // Time for a load balancer's readiness checks to take this instance out before it stops.
            arguments.add("--chorus.gateway.drain-delay=" + DRAIN_DELAY);
        }
        launchAndAwait(name, GATEWAY, arguments, ports.http(), begin);
    }

    /** The console's pages: the gateway signs people in and relays their token; the console calls the gateway's gRPC door. */
    private void startConsole() {
        long begin = System.nanoTime();
        out.println("starting console…");
        launchAndAwait(CONSOLE, CONSOLE, List.of(
                "--server.port=" + config.ports().console(),
                "--chorus.console.platform=127.0.0.1:" + config.ports().gatewayGrpc(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + keycloak.issuerUri(),
                "--management.endpoint.health.probes.enabled=true"), config.ports().console(), begin);
    }

    private String consoleUrl() {
        return "http://127.0.0.1:" + config.ports().console();
    }

    private void launchAndAwait(String name, String module, List<String> arguments, int httpPort, long begin) {
        launchArguments.put(name, List.copyOf(arguments));
        httpPorts.put(name, httpPort);
        modules.put(name, module);
        Path jar = ServiceProcess.jarOf(config.projectRoot(), module);
        ServiceProcess process = ServiceProcess.launch(name, jar, httpPort, arguments, config.projectRoot(),
                config.logDirectory().resolve(name + ".log"), out);
        track(process);
        if (config.recordPids()) {
            pidFiles.record(name, process.process().handle().pid(), jar.toString());
        }
        process.awaitReady(config.startTimeout());
        ready(name, "http://127.0.0.1:" + httpPort, begin);
    }

    /** Remembers a started part; if the platform was closed meanwhile (a sibling failed), stops it at once. */
    private void track(AutoCloseable part) {
        started.add(part);
        if (closed) {
            try {
                part.close();
            } catch (Exception e) {
                // reported by the failure that closed the platform
            }
            throw new StartupException("stopped because another part failed");
        }
    }

    private void ready(String name, String url, long beginNanos) {
        double seconds = (System.nanoTime() - beginNanos) / 1e9;
        out.printf(Locale.ROOT, "ready    %-12s %s (%.1f s)%n", name, url, seconds);
    }

    /**
     * Restarts one service (or the gateway) the way an operator would: stops its process gracefully
     * (TERM: it turns NOT_SERVING, finishes in-flight calls, then exits; KILL only after the grace
     * period), starts it again with the same settings, and returns once it is ready. The log of the
     * run before is kept as {@code <name>.before-restart.log}.
     *
     * @return its start-up: from launching the new process until it is ready (stopping the old one is not in it)
     * @throws IllegalArgumentException when {@code service} is not a part this platform started
     * @throws StartupException when it does not become ready again
     */
    public synchronized Duration restart(String service) {
        stop(service, false);
        return start(service);
    }

    /**
     * Crashes one service (or the gateway) and starts it again: KILLs its process at once (SIGKILL on
     * Linux: no draining, no shutdown hooks; in-flight calls and open transactions are cut off), starts
     * it again with the same settings, and returns once it is ready. For crash tests; otherwise as
     * {@link #restart(String)}.
     */
    public synchronized Duration crash(String service) {
        stop(service, true);
        return start(service);
    }

    /**
     * Stops one service (or the gateway) and leaves it stopped, for an outage of some length: gracefully
     * ({@code kill} false, as {@link #restart(String)}) or at once ({@code kill} true, as {@link #crash(String)}).
     * {@link #start(String)} starts it again with the same settings. The log of the run before is kept as
     * {@code <name>.before-restart.log}.
     *
     * @throws IllegalArgumentException when {@code service} is not running as a part this platform started
     */
    public synchronized void stop(String service, boolean kill) {
        if (closed) {
            throw new IllegalStateException("The platform is stopped");
        }
        ServiceProcess running;
        synchronized (started) {
            running = started.stream()
                    .filter(part -> part instanceof ServiceProcess process && process.name().equals(service))
                    .map(ServiceProcess.class::cast)
                    .reduce((first, second) -> second)
                    .orElse(null);
        }
        if (!launchArguments.containsKey(service) || running == null) {
            throw new IllegalArgumentException(service + " is not running as a part this platform started; it can stop "
                    + launchArguments.keySet());
        }
        if (kill) {
            out.println("killing " + service + "…");
            running.kill();
        } else {
            out.println("stopping " + service + "…");
            running.close();
        }
        started.remove(running);
        if (config.recordPids()) {
            pidFiles.remove(service);
        }
        Path log = config.logDirectory().resolve(service + ".log");
        try {
            if (Files.exists(log)) {
                Files.move(log, log.resolveSibling(service + ".before-restart.log"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the log of " + service + " before its restart", e);
        }
    }

    /**
     * Starts a service (or the gateway) that {@link #stop(String, boolean)} stopped, with the same settings, and
     * returns once it is ready.
     *
     * @throws IllegalArgumentException when {@code service} is not a part this platform started, or is running
     * @return its start-up: from launching the new process until it is ready
     * @throws StartupException when it does not become ready
     */
    public synchronized Duration start(String service) {
        if (closed) {
            throw new IllegalStateException("The platform is stopped");
        }
        List<String> arguments = launchArguments.get(service);
        boolean running;
        synchronized (started) {
            running = started.stream().anyMatch(part -> part instanceof ServiceProcess process && process.name().equals(service));
        }
        if (arguments == null || running) {
            throw new IllegalArgumentException(service + " is not a stopped part of this platform; it can start "
                    + launchArguments.keySet());
        }
        out.println("starting " + service + " again…");
        long launched = System.nanoTime();
        launchAndAwait(service, modules.get(service), arguments, httpPorts.get(service), launched);
        return Duration.ofNanos(System.nanoTime() - launched);
    }

    public PostgresEndpoint postgres() {
        return postgres;
    }

    public KeycloakEndpoint keycloak() {
        return keycloak;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + config.ports().gateway();
    }

    /** Every gateway instance's address, the first being {@link #gatewayUrl()}. */
    public List<String> gatewayUrls() {
        return instancesOf(GATEWAY).stream().map(name -> "http://127.0.0.1:" + instancePorts.get(name).http()).toList();
    }

    public PlatformConfig config() {
        return config;
    }

    /** Stops everything this platform started, newest first. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<AutoCloseable> toStop;
        synchronized (started) {
            toStop = new ArrayList<>(started);
        }
        Collections.reverse(toStop);
        // Newest first; the services, which need nothing of each other, stop together.
        List<AutoCloseable> services = new ArrayList<>();
        for (AutoCloseable part : toStop) {
            if (part instanceof ServiceProcess) {
                services.add(part);
                continue;
            }
            stopTogether(services);
            services.clear();
            stopQuietly(part);
        }
        stopTogether(services);
        if (config.recordPids()) {
            pidFiles.remove(CONSOLE);
            pidFiles.remove(GATEWAY);
            SERVICES.forEach(pidFiles::remove);
            pidFiles.remove("keycloak");
            pidFiles.remove("postgres");
        }
    }

    private void stopTogether(List<AutoCloseable> parts) {
        try (var stopping = Executors.newVirtualThreadPerTaskExecutor()) {
            parts.forEach(part -> stopping.submit(() -> stopQuietly(part)));
        }
    }

    private void stopQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            out.println("could not stop cleanly: " + e.getMessage());
        }
    }
}
