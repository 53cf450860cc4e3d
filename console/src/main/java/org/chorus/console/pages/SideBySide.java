package org.chorus.console.pages;

import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Calls to the platform made side by side, each on a virtual thread, so a page that needs several answers
 * waits for the slowest, not for their sum. A refusal is thrown as the platform gave it.
 */
final class SideBySide {

    private SideBySide() {
    }

    static <T> List<T> all(List<Callable<T>> calls) {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> running = new ArrayList<>(calls.size());
            for (Callable<T> call : calls) {
                running.add(threads.submit(call));
            }
            List<T> results = new ArrayList<>(calls.size());
            for (Future<T> result : running) {
                results.add(result.get());
            }
            return results;
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof StatusRuntimeException refusal) {
                throw refusal;
            }
            if (failed.getCause() instanceof RuntimeException unexpected) {
                throw unexpected;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the platform", interrupted);
        }
    }

    /** The call's answer, or {@code null} when the platform has nothing there yet (NOT_FOUND). */
    static <T> T orNothing(Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException refusal) {
            if (refusal.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
                return null;
            }
            throw refusal;
        }
    }
}
