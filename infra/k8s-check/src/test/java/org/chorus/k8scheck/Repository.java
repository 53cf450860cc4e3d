package org.chorus.k8scheck;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root, found upwards from where Maven runs the tests (the module's directory). */
final class Repository {

    private Repository() {
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("infra/k8s"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Not inside the Chorus repository: no docker-compose.yml with infra/k8s above "
                + Path.of("").toAbsolutePath());
    }
}
