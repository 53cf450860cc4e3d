package org.chorus.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Stops the PostgreSQL backends serving one database (SIGSTOP) from {@code after} for {@code length}, then lets
 * them go on (SIGCONT): the database stops answering its clients, as under a long lock, a stall or a failover,
 * while the other databases of the same server go on. Backends that start during the pause are stopped too.
 */
final class RateLimitStorePause implements AutoCloseable {

    private final Set<Long> stopped = new LinkedHashSet<>();
    private final Thread worker;

    private RateLimitStorePause(String database, Duration after, Duration length) {
        worker = Thread.ofPlatform().daemon().name("rate-limit-store-pause").start(() -> run(database, after, length));
    }

    static RateLimitStorePause after(String database, Duration after, Duration length) {
        return new RateLimitStorePause(database, after, length);
    }

    synchronized int stopped() {
        return stopped.size();
    }

    private void run(String database, Duration after, Duration length) {
        try {
            Thread.sleep(after.toMillis());
            long end = System.nanoTime() + length.toNanos();
            while (System.nanoTime() < end) {
                for (long pid : backendsOf(database)) {
                    boolean added;
                    synchronized (this) {
                        added = stopped.add(pid);
                    }
                    if (added) {
                        signal("-STOP", pid);
                    }
                }
                // Listing the processes takes about a millisecond: often enough for a backend the pool opens meanwhile.
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            GatewayBench.log("pausing the %s database failed: %s", database, e);
        } finally {
            resume();
        }
    }

    /**
     * The PostgreSQL backends serving {@code database}, found by their process titles
     * ({@code postgres: <user> <database> <client> <state>}), not in {@code pg_stat_activity}: a backend stopped while
     * it updates its entry there keeps every reader of that view spinning on a CPU until it goes on, and on 2 cores
     * the bench must not take a core from what it measures.
     */
    private static List<Long> backendsOf(String database) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String[] title = title(process).split(" ");
                if (title.length > 2 && title[0].equals("postgres:") && title[2].equals(database)) {
                    pids.add(Long.parseLong(process.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            GatewayBench.log("listing the processes failed: %s", e.getMessage());
        }
        return pids;
    }

    private static String title(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException gone) {
            return "";
        }
    }

    private synchronized void resume() {
        stopped.forEach(pid -> signal("-CONT", pid));
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            GatewayBench.log("kill %s %d failed: %s", signal, pid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the pause to end; the backends run again either way. */
    @Override
    public void close() throws InterruptedException {
        worker.join(TimeUnit.MINUTES.toMillis(1));
        resume();
    }
}
