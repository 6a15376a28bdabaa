package io.acqsim.bench.load;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Once a second: collects the interval histograms (adding the measured ones to the run's totals
 * and to the {@code .hlog}), and prints one line: rate sent, rate answered, p50/p99 so far,
 * errors, timeouts.
 */
final class Progress {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final String name;
    private final Stats stats;
    private final long start;
    private final PrintStream out;
    private final HistogramLogWriter hlog;
    private final EnumMap<Kind, Histogram> totals = new EnumMap<>(Kind.class);
    private final Histogram warmSoFar = new Histogram(3);
    private final Histogram measuredSoFar = new Histogram(3);
    private long next;
    private long lastSent;
    private long lastAnswered;
    private long lastAt;

    Progress(String name, Stats stats, long start, PrintStream out, HistogramLogWriter hlog) {
        this.name = name;
        this.stats = stats;
        this.start = start;
        this.out = out;
        this.hlog = hlog;
        this.next = start + SECOND;
        this.lastAt = start;
        for (Kind k : Kind.values()) {
            totals.put(k, new Histogram(3));
        }
    }

    void runUntil(long endNanos) throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            if (now >= endNanos) {
                tick();
                return;
            }
            long wait = Math.min(next, endNanos) - now;
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            tick();
        }
    }

    /** Prints a line if a second has passed since the last one. */
    void tick() {
        long now = System.nanoTime();
        if (now < next) {
            return;
        }
        next = Math.max(next + SECOND, now + SECOND / 10);
        collect();
        long sent = stats.sent.sum();
        long answered = stats.answered.sum();
        double secs = (now - lastAt) / 1e9;
        boolean warming = now < stats.measureFrom();
        Histogram soFar = measuredSoFar.getTotalCount() > 0 ? measuredSoFar : warmSoFar;
        if (out != null) {
            out.printf("%-7s %5.0fs  sent %8.0f/s  answered %8.0f/s  p50 %8.3f ms  p99 %8.3f ms  errors %d"
                            + "  timeouts %d%s%n",
                    name, (now - start) / 1e9, (sent - lastSent) / secs, (answered - lastAnswered) / secs,
                    soFar.getValueAtPercentile(50) / 1e6, soFar.getValueAtPercentile(99) / 1e6,
                    stats.errors.sum(), stats.timeouts.sum(),
                    warming ? "  (warm-up)" : now >= stats.measureTo() ? "  (draining)" : "");
            out.flush();
        }
        lastSent = sent;
        lastAnswered = answered;
        lastAt = now;
    }

    private void collect() {
        for (Map.Entry<Kind, Histogram> e : stats.warmInterval().entrySet()) {
            warmSoFar.add(e.getValue());
        }
        for (Map.Entry<Kind, Histogram> e : stats.measuredInterval().entrySet()) {
            Histogram h = e.getValue();
            if (h.getTotalCount() == 0) {
                continue;
            }
            totals.get(e.getKey()).add(h);
            measuredSoFar.add(h);
            if (hlog != null) {
                h.setTag(name + "/" + e.getKey().label());
                synchronized (hlog) {
                    hlog.outputIntervalHistogram(h);
                }
            }
        }
    }

    /** Collects what arrived since the last line. */
    void finish() {
        collect();
    }

    EnumMap<Kind, Histogram> totals() {
        return totals;
    }
}
