package org.chorus.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Chorus checkout from any folder inside it (tests run in their module's folder). */
public final class ProjectRoot {

    static final String REALM_FILE = "infra/keycloak/chorus-realm.json";

    private ProjectRoot() {
    }

    /** The nearest folder at or above the working directory that holds the realm file and mvnw. */
    public static Path find() {
        return findFrom(Path.of("").toAbsolutePath());
    }

    public static Path findFrom(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(REALM_FILE)) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Not inside the Chorus checkout: no " + REALM_FILE + " above " + start);
    }

    public static Path realmFile(Path root) {
        return root.resolve(REALM_FILE);
    }

    /** Where the launcher keeps the unpacked Keycloak, PostgreSQL data, logs and PID files. */
    public static Path stateDirectory(Path root) {
        return root.resolve(".chorus");
    }
}
