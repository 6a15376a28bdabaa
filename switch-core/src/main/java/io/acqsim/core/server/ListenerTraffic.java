package io.acqsim.core.server;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * What one listener is carrying right now: open and refused connections, requests read but not
 * yet answered, connections whose reading is paused (too many requests in flight or too many
 * unsent responses) and the bytes of responses queued for the sockets. Thread-safe without a
 * lock: event loops only add to atomic counters. A thread that waits for a change (shutdown, a
 * test) parks; event loops wake the parked waiters, and only when there are any.
 */
public final class ListenerTraffic {
    private final ConnectionLimitHandler connections;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder answered = new LongAdder();
    private final AtomicInteger paused = new AtomicInteger();
    private final Queue<Thread> waiters = new ConcurrentLinkedQueue<>();
    private final Answers answers = new Answers();

    ListenerTraffic(ConnectionLimitHandler connections) {
        this.connections = connections;
    }

    ConnectionLimitHandler connections() {
        return connections;
    }

    public int openConnections() {
        return connections.open();
    }

    public long refusedConnections() {
        return connections.refused();
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Requests answered (or deliberately left unanswered) since start. */
    public long answered() {
        return answered.sum();
    }

    /** What this listener decides for each request (answered or not), for whoever watches. */
    public Answers answers() {
        return answers;
    }

    public int pausedConnections() {
        return paused.get();
    }

    /** Bytes of responses Netty holds for the sockets of this listener. */
    public long pendingWriteBytes() {
        return connections.pendingWriteBytes();
    }

    void requestStarted() {
        inFlight.incrementAndGet();
    }

    void requestFinished() {
        inFlight.decrementAndGet();
        answered.increment();
        wakeWaiters();
    }

    /** A connection closed with {@code count} requests still unanswered: they are dropped. */
    void requestsDropped(int count) {
        inFlight.addAndGet(-count);
        wakeWaiters();
    }

    void pausedChanged(boolean nowPaused) {
        paused.addAndGet(nowPaused ? 1 : -1);
        wakeWaiters();
    }

    private void wakeWaiters() {
        if (!waiters.isEmpty()) {
            for (Thread t : waiters) {
                LockSupport.unpark(t);
            }
        }
    }

    /** Waits until at least one connection has reading paused; false if none did within the timeout. */
    public boolean awaitPaused(Duration timeout) throws InterruptedException {
        return await(() -> paused.get() > 0, System.nanoTime() + timeout.toNanos());
    }

    /** Waits until no request is in flight or {@code deadlineNanos} (a {@link System#nanoTime} value) passes. */
    int awaitNoneInFlight(long deadlineNanos) throws InterruptedException {
        await(() -> inFlight.get() <= 0, deadlineNanos);
        return inFlight.get();
    }

    private boolean await(java.util.function.BooleanSupplier done, long deadlineNanos) throws InterruptedException {
        Thread me = Thread.currentThread();
        waiters.add(me);
        try {
            while (!done.getAsBoolean()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            return true;
        } finally {
            waiters.remove(me);
        }
    }
}
