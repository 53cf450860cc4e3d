package org.chorus.testrig;

import org.chorus.launcher.KeycloakDistribution;
import org.chorus.launcher.KeycloakEndpoint;
import org.chorus.launcher.LocalKeycloak;
import org.chorus.launcher.Ports;
import org.chorus.launcher.ProjectRoot;
import org.chorus.launcher.Tokens;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A real Keycloak with the Chorus realm ({@code infra/keycloak/chorus-realm.json}) for the whole
 * test JVM, started on first use and stopped when the JVM exits: a Testcontainers container where
 * a Docker engine answers, else the launcher's {@link LocalKeycloak} on free ports, storing its
 * data in {@link RealPostgres}.
 */
public final class RealKeycloak {

    /** The same version as the server distribution the launcher runs. */
    static final String IMAGE = "quay.io/keycloak/keycloak:" + KeycloakDistribution.VERSION;
    private static final int CONTAINER_PORT = 8080;

    private static RealKeycloak instance;
    private static int starts;

    private final KeycloakEndpoint endpoint;
    private final boolean dockerBacked;
    /** Starts the local server again as it was first started; null in a container. */
    private final Supplier<LocalKeycloak> startLocal;
    /** The local server while it runs, else null. */
    private volatile LocalKeycloak local;

    private RealKeycloak(KeycloakEndpoint endpoint, boolean dockerBacked, Supplier<LocalKeycloak> startLocal) {
        this.endpoint = endpoint;
        this.dockerBacked = dockerBacked;
        this.startLocal = startLocal;
    }

    public static synchronized RealKeycloak get() {
        if (instance == null) {
            instance = Docker.available() ? startContainer() : startLocal();
            starts++;
        }
        return instance;
    }

    static synchronized int starts() {
        return starts;
    }

    @SuppressWarnings("resource") // stopped by RealServers at JVM exit
    private static RealKeycloak startContainer() {
        Path realm = ProjectRoot.realmFile(ProjectRoot.find());
        GenericContainer<?> container = new GenericContainer<>(IMAGE)
                .withExposedPorts(CONTAINER_PORT)
                .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", LocalKeycloak.ADMIN_USERNAME)
                .withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", LocalKeycloak.ADMIN_PASSWORD)
                .withCopyFileToContainer(MountableFile.forHostPath(realm), "/opt/keycloak/data/import/chorus-realm.json")
                .withCommand("start-dev", "--import-realm")
                .waitingFor(Wait.forHttp("/realms/" + KeycloakEndpoint.REALM + "/.well-known/openid-configuration")
                        .forPort(CONTAINER_PORT)
                        .withStartupTimeout(Duration.ofMinutes(4)));
        container.start();
        RealServers.stopAtExit(container::stop);
        return new RealKeycloak(new KeycloakEndpoint("http://" + container.getHost() + ":"
                + container.getMappedPort(CONTAINER_PORT)), true, null);
    }

    private static RealKeycloak startLocal() {
        RealPostgres postgres = RealPostgres.get();
        Path root = ProjectRoot.find();
        Path state = ProjectRoot.stateDirectory(root);
        int port = Ports.freePort();
        int managementPort = Ports.freePort();
        Supplier<LocalKeycloak> start = () -> LocalKeycloak.start(root, state, port, managementPort, postgres.endpoint(),
                state.resolve("test-logs").resolve("keycloak-" + port + ".log"));
        LocalKeycloak local = start.get();
        RealKeycloak keycloak = new RealKeycloak(local.endpoint(), false, start);
        keycloak.local = local;
        RealServers.stopAtExit(keycloak::stop);
        return keycloak;
    }

    /**
     * Stops the local server, for fault tests (Keycloak down); {@link #start()} starts it again on the same ports with
     * the same data (the realm and its users are in {@link RealPostgres}). Only the local server: a container started
     * again gets another port on the host, which every client was given, so tests skip this where
     * {@link #dockerBacked()}.
     *
     * @throws UnsupportedOperationException in a container
     */
    public synchronized void stop() {
        if (startLocal == null) {
            throw new UnsupportedOperationException("A Keycloak container would come back on another port; stop the local server only");
        }
        if (local != null) {
            local.close();
            local = null;
        }
    }

    /** Starts the local server that {@link #stop()} stopped, and returns once the realm answers; nothing if it runs. */
    public synchronized void start() {
        if (startLocal == null) {
            throw new UnsupportedOperationException("A Keycloak container is never stopped by the tests");
        }
        if (local == null) {
            local = startLocal.get();
        }
    }

    /** E.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return endpoint.baseUrl();
    }

    /** {@code <baseUrl>/realms/chorus}: what tokens carry in {@code iss}. */
    public String issuerUri() {
        return endpoint.issuerUri();
    }

    /** An access token for a realm user by the password grant on client {@code chorus-cli}. */
    public String passwordToken(String username, String password) {
        return new Tokens(endpoint).password(username, password);
    }

    /** An access token for a confidential client's service account. */
    public String clientCredentialsToken(String clientId, String secret) {
        return new Tokens(endpoint).clientCredentials(clientId, secret);
    }

    public boolean dockerBacked() {
        return dockerBacked;
    }

    /** For the launcher's {@code PlatformConfig.withExternalKeycloak}. */
    public KeycloakEndpoint endpoint() {
        return endpoint;
    }
}
