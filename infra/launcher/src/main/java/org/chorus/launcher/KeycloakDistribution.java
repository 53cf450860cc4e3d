package org.chorus.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Keycloak server distribution ({@code org.keycloak:keycloak-quarkus-dist} zip), found in the
 * local Maven repository where the build put it, and unpacked once under the state directory.
 */
public final class KeycloakDistribution {

    /** The version of the zip, from the reactor's {@code keycloak.version} (resource filtering). */
    public static final String VERSION = loadVersion();

    private KeycloakDistribution() {
    }

    /** The zip in the local Maven repository ({@code -Dmaven.repo.local} if set, else {@code ~/.m2/repository}). */
    public static Path locateZip() {
        String configured = System.getProperty("maven.repo.local");
        Path repository = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        Path zip = repository.resolve(Path.of("org", "keycloak", "keycloak-quarkus-dist", VERSION,
                "keycloak-quarkus-dist-" + VERSION + ".zip"));
        if (!Files.isRegularFile(zip)) {
            throw new StartupException("The Keycloak server distribution is not in the local Maven repository ("
                    + zip + "). Run ./mvnw -pl infra/launcher dependency:resolve, or build the project once, "
                    + "then try again.");
        }
        return zip;
    }

    /**
     * The unpacked distribution, {@code <stateDirectory>/keycloak-<version>}, unpacking it first if
     * needed. Several processes may call this at once: a file lock lets one unpack, and the folder
     * appears complete or not at all (unpacked beside it, then moved into place).
     */
    public static Path unpacked(Path stateDirectory) {
        Path home = stateDirectory.resolve("keycloak-" + VERSION);
        if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            return home;
        }
        try {
            Files.createDirectories(stateDirectory);
            try (FileChannel channel = FileChannel.open(stateDirectory.resolve("keycloak-unpack.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
                    return home;
                }
                Path staging = Files.createTempDirectory(stateDirectory, "keycloak-unpacking-");
                try {
                    unzip(locateZip(), staging);
                    Path unpackedRoot = staging.resolve("keycloak-" + VERSION);
                    Files.move(unpackedRoot, home, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Directories.deleteRecursively(staging);
                }
            }
            return home;
        } catch (IOException e) {
            throw new StartupException("Could not unpack Keycloak into " + home + ": " + e.getMessage(), e);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            var entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = target.resolve(entry.getName()).normalize();
                if (!destination.startsWith(target)) {
                    throw new IOException("Zip entry outside the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                    continue;
                }
                Files.createDirectories(destination.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
                }
                // java.util.zip does not keep Unix modes; the scripts must be executable.
                if (entry.getName().endsWith(".sh")) {
                    Files.setPosixFilePermissions(destination, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    private static String loadVersion() {
        try (InputStream in = KeycloakDistribution.class.getResourceAsStream("keycloak.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("keycloak.version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("keycloak.properties is missing from the launcher jar", e);
        }
    }
}
