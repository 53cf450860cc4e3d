package org.chorus.gateway.admission;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.chorus.gateway.problem.Refusal;
import org.chorus.gateway.problem.Refused;
import org.chorus.gateway.resilience.BackendGuards;

/**
 * A call's place in its backend's bulkhead and its breaker's permission for the attempt in flight, from
 * {@link Admission#acquire}. The breaker hears each attempt's outcome once ({@link #succeeded}, {@link #failed});
 * {@link #release()} gives the place back once, whatever happened (a breaker permission no outcome was given for
 * is handed back unused). Either side may call these from any thread, more than once: only the first counts.
 */
public final class BackendPermit {

    private final String backend;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final BackendGuards guards;
    private final AtomicBoolean attemptInFlight = new AtomicBoolean(true);
    private final AtomicBoolean released = new AtomicBoolean();

    BackendPermit(String backend, Bulkhead bulkhead, CircuitBreaker breaker, BackendGuards guards) {
        this.backend = backend;
        this.bulkhead = bulkhead;
        this.breaker = breaker;
        this.guards = guards;
    }

    /** The attempt in flight succeeded, or failed in a way that says nothing about the backend (NOT_FOUND, …). */
    public void succeeded(long nanos) {
        if (attemptInFlight.compareAndSet(true, false)) {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The attempt in flight failed; the breaker counts it only if the backend is unwell ({@link BackendGuards#isBackendFailure}). */
    public void failed(long nanos, Throwable error) {
        if (attemptInFlight.compareAndSet(true, false)) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, error);
        }
    }

    /**
     * Asks the breaker again, for a repeat of the call (the bulkhead place is kept).
     *
     * @throws Refused {@code CIRCUIT_OPEN} when the breaker refuses
     */
    public void nextAttempt() {
        if (attemptInFlight.get()) {
            throw new IllegalStateException("The previous attempt has no outcome yet");
        }
        if (!breaker.tryAcquirePermission()) {
            throw Refusal.circuitOpen(backend, guards.settings().waitInOpenState()).refuse();
        }
        attemptInFlight.set(true);
    }

    /** Gives the bulkhead place back, and an attempt's breaker permission that no outcome was given for. */
    public void release() {
        if (released.compareAndSet(false, true)) {
            if (attemptInFlight.compareAndSet(true, false)) {
                breaker.releasePermission();
            }
            bulkhead.onComplete();
        }
    }
}
