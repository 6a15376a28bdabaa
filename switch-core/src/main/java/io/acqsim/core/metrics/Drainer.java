package io.acqsim.core.metrics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * The writer thread behind a lock-free queue that event loops offer to ({@link TxLogWriter},
 * {@link QueuedConsoleAppender}): it drains the queue while running, parks for a growing pause
 * (1 µs up to 5 ms) while there is nothing to drain, and on {@link #close} drains what is left
 * before it ends. Producers never wake it, so offering costs them nothing but the queue.
 */
final class Drainer implements AutoCloseable {
    private static final long MIN_PARK_NANOS = 1_000;
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final IntSupplier drainOnce;
    private final Runnable afterWork;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts the thread.
     *
     * @param drainOnce drains some of the queue and says how many items it took (0: nothing there)
     * @param afterWork run after each drain that took something (e.g. to yield the core)
     */
    Drainer(String name, IntSupplier drainOnce, Runnable afterWork) {
        this.drainOnce = drainOnce;
        this.afterWork = afterWork;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** False once {@link #close} began: producers should stop offering. */
    boolean running() {
        return running;
    }

    /** Ends the current pause at once (a caller waiting for the queue to empty). */
    void wake() {
        LockSupport.unpark(thread);
    }

    private void loop() {
        long park = MIN_PARK_NANOS;
        while (running) {
            if (drainOnce.getAsInt() > 0) {
                park = MIN_PARK_NANOS;
                afterWork.run();
            } else {
                LockSupport.parkNanos(park);
                park = Math.min(park * 2, MAX_PARK_NANOS);
            }
        }
        while (drainOnce.getAsInt() > 0) {
            // what was queued before close is still written
        }
    }

    /** Stops, drains what is queued and waits (at most 5 s) for the thread to end. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
