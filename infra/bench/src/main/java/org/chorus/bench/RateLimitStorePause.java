package org.chorus.bench;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
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

    private final Set<Long> found = new LinkedHashSet<>();
    private final String stopSignal;
    private final String continueSignal;
    /**
     * A shell started before the run that sends the signals with its built-in {@code kill}: starting a {@code kill}
     * process from the bench's JVM for each signal took the machine for long enough to show in the first 250 ms of
     * every pause.
     */
    private final Process signals;
    private final Writer commands;
    private final Thread worker;

    private RateLimitStorePause(String database, Duration after, Duration length, boolean stop) throws IOException {
        this.stopSignal = stop ? "STOP" : "0";
        this.continueSignal = stop ? "CONT" : "0";
        this.signals = new ProcessBuilder("bash", "-s").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        this.commands = new OutputStreamWriter(signals.getOutputStream(), StandardCharsets.US_ASCII);
        worker = Thread.ofPlatform().daemon().name("rate-limit-store-pause").start(() -> run(database, after, length));
    }

    /**
     * With {@code stop=false}, the backends are listed just as often and sent signal 0 (which only checks that they
     * are there) instead of STOP and CONT: everything the harness does, without the pause.
     */
    static RateLimitStorePause after(String database, Duration after, Duration length, boolean stop) throws IOException {
        return new RateLimitStorePause(database, after, length, stop);
    }

    synchronized int found() {
        return found.size();
    }

    private void run(String database, Duration after, Duration length) {
        try {
            Thread.sleep(after.toMillis());
            long end = System.nanoTime() + length.toNanos();
            while (System.nanoTime() < end) {
                for (long pid : backendsOf(database)) {
                    boolean added;
                    synchronized (this) {
                        added = found.add(pid);
                    }
                    if (added) {
                        signal(stopSignal, pid);
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
        found.forEach(pid -> signal(continueSignal, pid));
    }

    private synchronized void signal(String signal, long pid) {
        try {
            commands.write("kill -" + signal + " " + pid + "\n");
            commands.flush();
        } catch (IOException e) {
            GatewayBench.log("kill -%s %d failed: %s", signal, pid, e.getMessage());
        }
    }

    /** Waits for the pause to end (cutting it short after a minute); the worker lets the backends go on either way. */
    @Override
    public void close() throws InterruptedException {
        worker.join(TimeUnit.MINUTES.toMillis(1));
        if (worker.isAlive()) {
            worker.interrupt();
            worker.join();
        }
        try {
            commands.close();
        } catch (IOException ignored) {
            // The shell has gone: nothing is left to send.
        }
        if (!signals.waitFor(5, TimeUnit.SECONDS)) {
            signals.destroy();
        }
    }
}
