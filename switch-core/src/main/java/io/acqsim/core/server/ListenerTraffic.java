package io.acqsim.core.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What one listener is carrying right now: open and refused connections, requests read but not
 * yet answered, connections whose reading is paused (too many requests in flight or too many
 * unsent responses) and the bytes of responses queued for the sockets. Thread-safe; the waits are
 * woken by the event they wait for and bounded by their timeout.
 */
public final class ListenerTraffic {
    private final ConnectionLimitHandler connections;
    private int inFlight;
    private long answered;
    private int paused;

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

    public synchronized int inFlight() {
        return inFlight;
    }

    /** Requests answered (or deliberately left unanswered) since start. */
    public synchronized long answered() {
        return answered;
    }

    public synchronized int pausedConnections() {
        return paused;
    }

    /** Bytes of responses Netty holds for the sockets of this listener. */
    public long pendingWriteBytes() {
        return connections.pendingWriteBytes();
    }

    synchronized void requestStarted() {
        inFlight++;
    }

    synchronized void requestFinished() {
        inFlight--;
        answered++;
        notifyAll();
    }

    /** A connection closed with {@code count} requests still unanswered: they are dropped. */
    synchronized void requestsDropped(int count) {
        inFlight -= count;
        notifyAll();
    }

    synchronized void pausedChanged(boolean nowPaused) {
        paused += nowPaused ? 1 : -1;
        notifyAll();
    }

    /** Waits until at least one connection has reading paused; false if none did within the timeout. */
    public synchronized boolean awaitPaused(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (paused == 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Waits until no request is in flight or {@code deadlineNanos} (a {@link System#nanoTime} value) passes. */
    synchronized int awaitNoneInFlight(long deadlineNanos) throws InterruptedException {
        while (inFlight > 0) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return inFlight;
    }
}
