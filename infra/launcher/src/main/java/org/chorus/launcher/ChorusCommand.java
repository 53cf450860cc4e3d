package org.chorus.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./chorus up [--detach] | down | status}: the newcomer's command, run from the checkout's root.
 *
 * <p>{@code up} starts the platform and stays in the foreground; Ctrl-C stops everything.
 * {@code up --detach} starts a background launcher, shows its progress until the platform is
 * ready, and returns. Both record PIDs under {@code .chorus/pids/}, so {@code down} from any
 * terminal stops what was started.
 */
public final class ChorusCommand {

    static final String LAUNCHER = "launcher";
    /** Hidden: the background launcher that {@code up --detach} starts. */
    static final String BACKGROUND = "--background";
    private static final Duration LAUNCHER_STOP_GRACE = Duration.ofSeconds(60);
    private static final Duration PROCESS_STOP_GRACE = Duration.ofSeconds(20);

    /** Where {@code up} writes the port offset it used, for {@code status}. */
    static final String PORT_OFFSET_FILE = "port-offset";
    static final String PORT_OFFSET_OPTION = "--port-offset=";
    static final String PORT_OFFSET_VARIABLE = "CHORUS_PORT_OFFSET";

    private final Path root;
    private final PrintStream out;
    private final int portOffset;

    ChorusCommand(Path root, PrintStream out, int portOffset) {
        this.root = root;
        this.out = out;
        this.portOffset = portOffset;
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            usage(System.err);
            System.exit(2);
        }
        Path root;
        try {
            root = ProjectRoot.find();
        } catch (IllegalStateException e) {
            if (!args[0].equals("realm")) {
                System.err.println(e.getMessage());
                System.exit(2);
                return;
            }
            // realm apply needs no repository when told which Keycloak and which file (compose runs it so).
            root = null;
        }
        List<String> options = List.of(args).subList(1, args.length);
        int portOffset;
        try {
            portOffset = portOffset(options, System.getenv(PORT_OFFSET_VARIABLE));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ChorusCommand command = new ChorusCommand(root, System.out, portOffset);
        int exit = switch (args[0]) {
            case "up" -> options.contains("--detach") ? command.upDetached()
                    : command.upForeground(options.contains(BACKGROUND));
            case "down" -> command.down();
            case "reset" -> command.reset();
            case "status" -> command.status();
            case "realm" -> command.realm(options, System.getenv());
            case "help", "--help", "-h" -> {
                usage(System.out);
                yield 0;
            }
            default -> {
                System.err.println("Unknown command: " + args[0]);
                usage(System.err);
                yield 2;
            }
        };
        System.exit(exit);
    }

    /**
     * How far {@code ./chorus up}'s usual ports move: {@code --port-offset=N}, else {@code CHORUS_PORT_OFFSET}, else 0.
     *
     * @throws IllegalArgumentException saying what to write instead
     */
    static int portOffset(List<String> options, String fromEnvironment) {
        String given = option(options, PORT_OFFSET_OPTION)
                .orElse(fromEnvironment == null || fromEnvironment.isBlank() ? "0" : fromEnvironment.strip());
        try {
            int offset = Integer.parseInt(given);
            Ports.fixed(offset);
            return offset;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The port offset (" + PORT_OFFSET_OPTION + "N or " + PORT_OFFSET_VARIABLE
                    + ") must be a whole number from 0 to " + Ports.MAX_OFFSET + ", not '" + given
                    + "'. With 1000 the gateway listens on 9080 instead of 8080.");
        }
    }

    private static void usage(PrintStream stream) {
        stream.println("""
                Usage: chorus <command>
                  up [--detach] [--port-offset=N]
                                 start PostgreSQL, Keycloak, the four services and the gateway
                                 (--detach: run in the background and return when ready;
                                 --port-offset=N, or CHORUS_PORT_OFFSET=N: every port moved by N,
                                 e.g. 1000 puts the gateway on 9080)
                  down           stop everything that 'up' started
                  reset          stop it, then remove its data (PostgreSQL's folder, with Keycloak's
                                 database): the next 'up' starts from empty, with the realm as the
                                 repository has it and the demo network loaded again
                  status         one line per part: ready, starting or down
                  realm apply [--keycloak=URL] [--file=PATH]
                                 bring a running Keycloak's realm in line with the realm file
                                 (default: the local Keycloak and infra/keycloak/chorus-realm.json),
                                 signing in as KEYCLOAK_ADMIN_USERNAME (admin) with
                                 KEYCLOAK_ADMIN_PASSWORD (admin); the file's placeholders come from
                                 the environment""");
    }

    int upForeground(boolean background) {
        PlatformConfig config = PlatformConfig.forUp(root, portOffset);
        PidFiles pids = new PidFiles(config.pidDirectory());
        if (pids.anyAlive(LAUNCHER)) {
            out.println("Chorus is already running. See ./chorus status, or stop it with ./chorus down.");
            return 1;
        }
        clearStalePidFiles(pids);
        List<String> self = selfLaunch();
        pids.record(LAUNCHER, ProcessHandle.current().pid(), self.get(self.size() - 1));
        Path readyMarker = readyMarker(config);
        deleteQuietly(readyMarker);

        CountDownLatch stopped = new CountDownLatch(1);
        ChorusPlatform[] platform = new ChorusPlatform[1];
        Thread hook = new Thread(() -> {
            synchronized (platform) {
                if (platform[0] != null) {
                    out.println("stopping…");
                    platform[0].close();
                    out.println("stopped");
                }
            }
            deleteQuietly(readyMarker);
            pids.remove(LAUNCHER);
            stopped.countDown();
        }, "chorus-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        try {
            Files.createDirectories(config.stateDirectory());
            Files.writeString(config.stateDirectory().resolve(PORT_OFFSET_FILE), portOffset + "\n");
            ChorusPlatform started = ChorusPlatform.start(config);
            synchronized (platform) {
                platform[0] = started;
            }
            new DemoNetwork(started.keycloak(), started.gatewayUrl(), config.stateDirectory(), out).loadOnce();
            printWelcome(started, background);
            Files.writeString(readyMarker, ProcessHandle.current().pid() + "\n");
        } catch (StartupException | IOException e) {
            out.println("Chorus did not start. Logs are in " + config.logDirectory());
            return 1;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    int upDetached() {
        PlatformConfig config = PlatformConfig.forUp(root, portOffset);
        PidFiles pids = new PidFiles(config.pidDirectory());
        if (pids.anyAlive(LAUNCHER)) {
            out.println("Chorus is already running. See ./chorus status, or stop it with ./chorus down.");
            return 1;
        }
        Path log = config.logDirectory().resolve("launcher.log");
        Path readyMarker = readyMarker(config);
        try {
            Files.createDirectories(log.getParent());
            deleteQuietly(readyMarker);
            List<String> command = new ArrayList<>();
            // setsid: the background launcher must not get the terminal's hang-up or Ctrl-C.
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                command.add("/usr/bin/setsid");
                command.add("--wait");
            }
            command.add(ServiceProcess.currentJava());
            command.addAll(ServiceProcess.JVM_OPTIONS);
            command.addAll(selfLaunch());
            command.add("up");
            command.add(BACKGROUND);
            command.add(PORT_OFFSET_OPTION + portOffset);
            Process child = new ProcessBuilder(command)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            out.println("starting in the background; log: " + root.relativize(log));
            return followUntilReady(child, log, readyMarker);
        } catch (IOException e) {
            out.println("Could not start the background launcher: " + e.getMessage());
            return 1;
        }
    }

    /** Echoes the background launcher's log until it says it is ready or it exits. */
    private int followUntilReady(Process child, Path log, Path readyMarker) throws IOException {
        long position = 0;
        while (true) {
            position = echoFrom(log, position);
            if (Files.exists(readyMarker)) {
                echoFrom(log, position);
                out.println("(running in the background)");
                return 0;
            }
            if (!child.isAlive()) {
                echoFrom(log, position);
                out.println("The background launcher stopped (exit " + child.exitValue() + ").");
                return 1;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }

    private long echoFrom(Path file, long position) throws IOException {
        if (!Files.exists(file)) {
            return position;
        }
        try (RandomAccessFile reader = new RandomAccessFile(file.toFile(), "r")) {
            long length = reader.length();
            if (length <= position) {
                return position;
            }
            reader.seek(position);
            byte[] bytes = new byte[(int) (length - position)];
            reader.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int lastNewline = text.lastIndexOf('\n');
            if (lastNewline < 0) {
                return position;
            }
            out.print(text.substring(0, lastNewline + 1));
            return position + text.substring(0, lastNewline + 1).getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** How to start this launcher again: {@code -jar <exec jar>} when run from it, else {@code -cp}. */
    private static List<String> selfLaunch() {
        String classPath = System.getProperty("java.class.path");
        if (!classPath.contains(java.io.File.pathSeparator) && classPath.endsWith(".jar")) {
            return List.of("-jar", classPath);
        }
        return List.of("-cp", classPath, ChorusCommand.class.getName());
    }

    int down() {
        PlatformConfig config = PlatformConfig.forUp(root, portOffset);
        PidFiles pids = new PidFiles(config.pidDirectory());
        boolean anything = false;
        // The launcher first: its shutdown hook stops everything in order.
        for (PidFiles.Entry entry : pids.read(LAUNCHER)) {
            if (entry.isOurs()) {
                anything = true;
                out.println("stopping the launcher (pid " + entry.pid() + ")…");
                ProcessHandle.of(entry.pid()).ifPresent(h -> Processes.stopParentFirst(h, LAUNCHER_STOP_GRACE));
            }
        }
        pids.remove(LAUNCHER);
        // Then anything it left behind (e.g. if it was killed with -9), newest first.
        List<String> order = new ArrayList<>(List.of(ChorusPlatform.CONSOLE, ChorusPlatform.GATEWAY));
        order.addAll(ChorusPlatform.SERVICES.reversed());
        order.add("keycloak");
        order.add("postgres");
        for (String name : order) {
            if (pids.anyAlive(name)) {
                anything = true;
                out.println("stopping " + name + "…");
            }
            pids.stop(name, PROCESS_STOP_GRACE);
        }
        deleteQuietly(readyMarker(config));
        out.println(anything ? "Chorus is stopped." : "Chorus was not running.");
        return 0;
    }

    /**
     * Starts again from empty: stops what is running, then removes the data folder (every service's database and
     * Keycloak's, so the realm file is imported afresh) and the demo network's marker.
     */
    int reset() {
        down();
        PlatformConfig config = PlatformConfig.forUp(root, portOffset);
        try {
            Directories.deleteRecursively(config.postgresDataDirectory());
        } catch (IOException e) {
            System.err.println("Could not remove " + config.postgresDataDirectory() + ": " + e.getMessage()
                    + ". Remove it by hand, then run ./chorus up.");
            return 1;
        }
        deleteQuietly(config.stateDirectory().resolve(DemoNetwork.MARKER));
        out.println("Removed Chorus's data. ./chorus up starts from empty, with the demo network.");
        return 0;
    }

    /**
     * {@code realm apply}: what {@code up} does for its own Keycloak at each start, for any Keycloak (compose's,
     * an installation's), with {@link RealmChanges}.
     */
    int realm(List<String> options, Map<String, String> environment) {
        if (options.isEmpty() || !options.getFirst().equals("apply")) {
            System.err.println("Say what to do with the realm: ./chorus realm apply [--keycloak=URL] [--file=PATH]");
            return 2;
        }
        Optional<String> keycloakOption = option(options, "--keycloak=");
        Optional<Path> fileOption = option(options, "--file=").map(Path::of);
        if (root == null && (keycloakOption.isEmpty() || fileOption.isEmpty())) {
            System.err.println("Outside the Chorus repository, say which Keycloak and which realm file: "
                    + "realm apply --keycloak=URL --file=PATH");
            return 2;
        }
        String keycloak = keycloakOption
                .orElseGet(() -> "http://127.0.0.1:" + PlatformConfig.forUp(root, recordedPortOffset().orElse(portOffset)).ports().keycloak());
        Path file = fileOption.orElseGet(() -> ProjectRoot.realmFile(root));
        try {
            List<String> changes = RealmChanges.apply(keycloak, environment.getOrDefault("KEYCLOAK_ADMIN_USERNAME", "admin"),
                    environment.getOrDefault("KEYCLOAK_ADMIN_PASSWORD", "admin"), Files.readString(file), environment);
            changes.forEach(change -> out.println("changed  " + change));
            out.println(changes.isEmpty() ? "The realm at " + keycloak + " is as " + file + " says: nothing to change."
                    : changes.size() + (changes.size() == 1 ? " change" : " changes") + " made to the realm at " + keycloak
                    + ", as " + file + " says.");
            return 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not apply " + file + " to " + keycloak + ": " + e.getMessage());
            return 1;
        }
    }

    private static Optional<String> option(List<String> options, String prefix) {
        return options.stream().filter(o -> o.startsWith(prefix)).map(o -> o.substring(prefix.length())).reduce((a, b) -> b);
    }

    int status() {
        PlatformConfig config = PlatformConfig.forUp(root, recordedPortOffset().orElse(portOffset));
        Ports ports = config.ports();
        PidFiles pids = new PidFiles(config.pidDirectory());
        List<String[]> rows = new ArrayList<>();
        rows.add(row("postgres", postgresAnswers(ports.postgres()), pids.anyAlive("postgres"),
                "jdbc:postgresql://127.0.0.1:" + ports.postgres()));
        KeycloakEndpoint keycloak = new KeycloakEndpoint("http://127.0.0.1:" + ports.keycloak());
        rows.add(row("keycloak", HttpProbe.isOk(keycloak.wellKnownUri()), pids.anyAlive("keycloak"), keycloak.baseUrl()));
        for (String service : ChorusPlatform.SERVICES) {
            int http = ports.service(service).http();
            rows.add(row(service, HttpProbe.isOk("http://127.0.0.1:" + http + "/actuator/health/readiness"),
                    pids.anyAlive(service), "http://127.0.0.1:" + http + "  grpc 127.0.0.1:" + ports.service(service).grpc()));
        }
        int gateway = ports.gateway();
        rows.add(row(ChorusPlatform.GATEWAY, HttpProbe.isOk("http://127.0.0.1:" + gateway + "/actuator/health/readiness"),
                pids.anyAlive(ChorusPlatform.GATEWAY), "http://127.0.0.1:" + gateway + "  grpc 127.0.0.1:" + ports.gatewayGrpc()));
        rows.add(row(ChorusPlatform.CONSOLE, HttpProbe.isOk("http://127.0.0.1:" + ports.console() + ServiceProcess.contextPath(ChorusPlatform.CONSOLE) + "/actuator/health/readiness"),
                pids.anyAlive(ChorusPlatform.CONSOLE), "http://127.0.0.1:" + gateway + "/console/"));
        for (String[] row : rows) {
            out.printf(Locale.ROOT, "%-12s %-9s %s%n", row[0], row[1], row[2]);
        }
        return 0;
    }

    /** The offset the last {@code up} used, so {@code status} looks where it started things. */
    private OptionalInt recordedPortOffset() {
        Path file = ProjectRoot.stateDirectory(root).resolve(PORT_OFFSET_FILE);
        try {
            return Files.exists(file) ? OptionalInt.of(Integer.parseInt(Files.readString(file).strip()))
                    : OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static String[] row(String name, boolean ready, boolean running, String url) {
        return new String[] {name, ready ? "ready" : running ? "starting" : "down", url};
    }

    private static boolean postgresAnswers(int port) {
        if (!Ports.inUse(port)) {
            return false;
        }
        try (Connection ignored = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
                + "/postgres?connectTimeout=2&loginTimeout=2", LocalPostgres.USER, LocalPostgres.PASSWORD)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void printWelcome(ChorusPlatform platform, boolean background) {
        String kc = platform.keycloak().baseUrl();
        String gateway = platform.gatewayUrl();
        out.println();
        out.println("Chorus is ready.");
        out.println("  console (web pages)      " + gateway + "/console/");
        out.println("  gateway (JSON API)       " + gateway);
        out.println("  gateway (gRPC, h2c)      127.0.0.1:" + platform.config().ports().gatewayGrpc());
        out.println("  Keycloak                 " + kc + "   (admin console: admin / admin)");
        out.println("  PostgreSQL               " + platform.postgres().jdbcUrl("<service>") + "   user postgres");
        out.println("  logs                     " + root.relativize(platform.config().logDirectory()));
        out.println();
        out.println("Demo logins (password: " + DemoNetwork.DEMO_PASSWORD + "):");
        out.println("  amara   network coordinator");
        out.println("  dev     facilitator, Leeds        fin   finance, Leeds        sam  member, Leeds");
        out.println("  jo      facilitator, Salford      priya member, Salford");
        out.println("Dashboard client: chorus-dashboard / chorus-dashboard-dev-secret");
        out.println();
        out.println("Try it:");
        out.println("  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=chorus-dashboard \\");
        out.println("      -d client_secret=chorus-dashboard-dev-secret \\");
        out.println("      " + platform.keycloak().tokenUri() + " | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
        out.println("  curl -H \"Authorization: Bearer $TOKEN\" " + gateway + "/v1/commissions");
        out.println();
        out.println(background ? "Stop it with ./chorus down." : "Press Ctrl-C to stop (or run ./chorus down in another terminal).");
    }

    private static void clearStalePidFiles(PidFiles pids) {
        for (String name : pids.names()) {
            if (!pids.anyAlive(name)) {
                pids.remove(name);
            }
        }
    }

    private static Path readyMarker(PlatformConfig config) {
        return config.stateDirectory().resolve("ready");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // checked again on the next start
        }
    }
}
