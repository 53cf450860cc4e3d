package org.chorus.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls an HTTP URL until it answers 200: how the launcher decides that something is ready. */
public final class HttpProbe {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private HttpProbe() {
    }

    /** True when a GET of the URL answers 200 now. */
    public static boolean isOk(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until the URL answers 200.
     *
     * @param stillRunning checked between polls, so that a process that died is reported at once
     *                     instead of after the whole timeout
     * @throws StartupException naming {@code what} when the timeout passes or the process dies
     */
    public static void awaitOk(String what, String url, Duration timeout, BooleanSupplier stillRunning) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (isOk(url)) {
                return;
            }
            if (!stillRunning.getAsBoolean()) {
                throw new StartupException(what + " stopped before it was ready (" + url + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new StartupException(what + " was not ready after " + timeout.toSeconds() + " s (" + url + ")");
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("Interrupted while waiting for " + what);
            }
        }
    }
}
