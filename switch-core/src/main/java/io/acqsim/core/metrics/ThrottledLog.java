package io.acqsim.core.metrics;

import io.acqsim.core.config.Durations;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A warning that may repeat thousands of times a second (refused connections, failed TLS
 * handshakes) written at most once per interval: the first occurrence is logged in full, the ones
 * after it within the interval are only counted, and one line at the end of the interval says how
 * many there were. The meters count every occurrence; this only keeps the log readable.
 *
 * <p>Lock-free; safe from every event loop. The summary is scheduled on whatever
 * {@link Scheduler} the caller passes (the connection's event loop).
 */
public final class ThrottledLog {
    /** The interval acqsim uses for its throttled warnings. */
    public static final Duration INTERVAL = Duration.ofSeconds(10);

    /** Runs a task after a delay (an event loop's {@code schedule}). */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, long delayNanos);
    }

    private final Logger log;
    private final String what;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong nextLineAt;
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicBoolean summaryScheduled = new AtomicBoolean();

    /**
     * @param what names the event in the summary line ({@code "iso87-ascii: connections refused
     *             at limits.maxConnections"})
     */
    public ThrottledLog(Logger log, String what, Duration interval, LongSupplier nanoTime) {
        this.log = log;
        this.what = what;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.nextLineAt = new AtomicLong(nanoTime.getAsLong());
    }

    public ThrottledLog(Logger log, String what) {
        this(log, what, INTERVAL, System::nanoTime);
    }

    /** One occurrence: logged now if no line went out within the interval, else counted for the summary. */
    public void warn(Scheduler scheduler, Supplier<String> line) {
        long now = nanoTime.getAsLong();
        long next = nextLineAt.get();
        if (now - next >= 0 && nextLineAt.compareAndSet(next, now + intervalNanos)) {
            long earlier = suppressed.getAndSet(0);
            log.warn(earlier > 0 ? line.get() + " (and " + earlier + " more before it)" : line.get());
            return;
        }
        suppressed.incrementAndGet();
        if (summaryScheduled.compareAndSet(false, true)) {
            scheduler.schedule(this::summary, Math.max(0, nextLineAt.get() - now));
        }
    }

    private void summary() {
        summaryScheduled.set(false);
        long n = suppressed.getAndSet(0);
        if (n > 0) {
            nextLineAt.set(nanoTime.getAsLong() + intervalNanos);
            log.warn("{}: {} more within {}", what, n, Durations.format(Duration.ofNanos(intervalNanos)));
        }
    }
}
