package io.acqsim.bench.load;

import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Open-loop schedule for the terminals of one event loop: request {@code j} of this loop is due at
 * {@code start + offset + j / rate} and goes to terminal {@code j mod n}. Each is handed to its
 * terminal with that intended time, whether or not the terminal can send it yet, so that a
 * stalled server shows up as latency instead of as requests never sent (wrk2's rule).
 */
final class Pacer implements Runnable {
    private final EventLoop loop;
    private final Terminal[] terminals;
    private final long start;
    private final double intervalNanos;
    private final long end;
    private long j;
    private long next;

    Pacer(EventLoop loop, List<Terminal> terminals, double rate, long startNanos, long endNanos) {
        this.loop = loop;
        this.terminals = terminals.toArray(new Terminal[0]);
        this.intervalNanos = 1e9 / rate;
        this.start = startNanos;
        this.end = endNanos;
        this.next = startNanos;
    }

    void begin() {
        loop.schedule(this, Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        while (next <= now && next < end) {
            terminals[(int) (j % terminals.length)].schedule(next);
            j++;
            next = start + Math.round(j * intervalNanos);
        }
        if (next < end) {
            loop.schedule(this, Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }
}
