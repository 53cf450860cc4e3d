package org.chorus.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JVM ahead-of-time cache for each jar the launcher starts (JDK 25 and later): the classes a service loads and links
 * while Spring builds its context, kept from a training run, so that every later start reads them instead of finding,
 * parsing and linking them again.
 *
 * <p>The cache works only with the jar in Spring Boot's extracted form (its libraries as plain jars, not nested), so
 * the jar is extracted beside itself ({@code target/aot/}) whenever it is newer than the copy. The training run starts
 * the service with its real settings until its context is built ({@code spring.context.exit=onRefresh}: no port is
 * opened), then stops, and the JVM writes the cache ({@code -XX:AOTCacheOutput}). A cache is kept per JVM and its options; a new
 * build of the jar trains again. If anything in this fails, the service starts as before, without a cache, and the
 * launcher says why. {@code CHORUS_AOT_CACHE=false} turns it off.
 */
public final class AotCache {

    private static final Duration TRAINING_LIMIT = Duration.ofMinutes(3);
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private AotCache() {
    }

    /** Whether this JDK has the one-step cache (JDK 25+), and it is not turned off. */
    public static boolean enabled() {
        return Runtime.version().feature() >= 25 && !"false".equalsIgnoreCase(System.getenv("CHORUS_AOT_CACHE"));
    }

    /**
     * What starts {@code jar} with its cache: {@code -XX:AOTCache=… -jar <extracted jar>}, training first when the cache
     * is missing or older than the jar; {@code -jar <jar>} when there is no cache to have.
     *
     * @param java       the JVM and its options, as the service will run (the cache is for those)
     * @param arguments  the service's settings, for the training run
     * @param logDirectory where the training run's output goes ({@code <name>.aot-training.log})
     */
    static List<String> jarArguments(String name, Path jar, List<String> java, List<String> arguments, Path workingDirectory,
                                     Path logDirectory, PrintStream out) {
        if (!enabled()) {
            return List.of("-jar", jar.toString());
        }
        synchronized (LOCKS.computeIfAbsent(jar.toAbsolutePath(), key -> new Object())) {
            try {
                Path extracted = extracted(jar, java, workingDirectory, logDirectory.resolve(name + ".aot-extract.log"));
                // One per JVM and options: a cache is for the JDK and the settings it was made with.
                Path cache = extracted.resolveSibling(extracted.getFileName() + "." + Integer.toHexString(java.hashCode()) + ".aot");
                if (!newer(cache, extracted)) {
                    train(name, extracted, cache, java, arguments, workingDirectory, logDirectory.resolve(name + ".aot-training.log"), out);
                }
                return List.of("-XX:AOTCache=" + cache, "-jar", extracted.toString());
            } catch (IOException | RuntimeException failure) {
                out.println("no start-up cache for " + name + " (" + failure.getMessage() + "); starting it without one");
                return List.of("-jar", jar.toString());
            }
        }
    }

    /** The jar in Spring Boot's extracted form, extracted again when the jar is newer. */
    private static Path extracted(Path jar, List<String> java, Path workingDirectory, Path log) throws IOException {
        Path directory = jar.resolveSibling("aot");
        Path extracted = directory.resolve(jar.getFileName());
        if (newer(extracted, jar)) {
            return extracted;
        }
        // Extracted aside, then put in place, so that another launcher never starts from a half-extracted copy.
        Path aside = jar.resolveSibling("aot-" + ProcessHandle.current().pid());
        deleteRecursively(aside);
        List<String> command = new ArrayList<>(List.of(java.getFirst(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
                "--destination", aside.toString()));
        run("extracting " + jar.getFileName(), command, workingDirectory, log);
        if (!Files.isRegularFile(aside.resolve(jar.getFileName()))) {
            throw new IOException("extracting " + jar.getFileName() + " made no " + jar.getFileName() + "; see " + log);
        }
        Files.setLastModifiedTime(aside.resolve(jar.getFileName()), FileTime.fromMillis(System.currentTimeMillis()));
        deleteRecursively(directory);
        Files.move(aside, directory, StandardCopyOption.ATOMIC_MOVE);
        return extracted;
    }

    private static void train(String name, Path extracted, Path cache, List<String> java, List<String> arguments, Path workingDirectory,
                              Path log, PrintStream out) throws IOException {
        out.println("training " + name + "'s start-up cache (once per build)…");
        long begin = System.nanoTime();
        Path written = cache.resolveSibling(cache.getFileName() + ".new-" + ProcessHandle.current().pid());
        Files.deleteIfExists(written);
        List<String> command = new ArrayList<>(java);
        command.addAll(List.of("-XX:AOTCacheOutput=" + written, "-Dspring.context.exit=onRefresh", "-jar", extracted.toString()));
        command.addAll(arguments);
        run("training " + name, command, workingDirectory, log);
        if (!Files.isRegularFile(written)) {
            throw new IOException("its training run wrote no cache; see " + log);
        }
        Files.move(written, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out.printf(Locale.ROOT, "trained  %-12s start-up cache (%.1f s)%n", name, (System.nanoTime() - begin) / 1e9);
    }

    private static void run(String what, List<String> command, Path workingDirectory, Path log) throws IOException {
        ManagedProcess process = ManagedProcess.start(what, command, Map.of(), workingDirectory, log);
        try {
            process.handle().onExit().get(TRAINING_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.kill();
            throw new IOException(what + " was interrupted");
        } catch (ExecutionException | TimeoutException failed) {
            process.kill();
            throw new IOException(what + " did not end within " + TRAINING_LIMIT.toMinutes() + " minutes; see " + log);
        }
    }

    /** Whether {@code file} exists and was written after {@code than}. */
    private static boolean newer(Path file, Path than) throws IOException {
        return Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(than)) > 0;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
