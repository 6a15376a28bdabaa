package io.acqsim.bench.load;

import io.acqsim.bench.wire.Requests;
import io.acqsim.codec.dialect.Dialect;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What one load phase measured. Latency is recorded in nanoseconds from each request's intended
 * send time (open loop) or actual send time (closed loop) to the arrival of its response. Requests
 * intended before the measured window (warm-up) go to separate recorders that only the progress
 * line reads. Thread-safe: written by the event loops, read by the progress thread.
 */
public final class Stats {
    private final EnumMap<Kind, Recorder> warm = new EnumMap<>(Kind.class);
    private final EnumMap<Kind, Recorder> measured = new EnumMap<>(Kind.class);
    private final EnumMap<Kind, ConcurrentHashMap<String, LongAdder>> codes = new EnumMap<>(Kind.class);
    private final EnumMap<Kind, LongAdder> timeoutsByKind = new EnumMap<>(Kind.class);

    final LongAdder sent = new LongAdder();
    final LongAdder answered = new LongAdder();
    /** Responses that arrived inside the measured window, whatever their intended time. */
    final LongAdder answeredInWindow = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder errors = new LongAdder();
    /** Responses matching no request in flight (late, or never sent). */
    final LongAdder unexpected = new LongAdder();
    /** Open-loop requests still queued for a free slot a timeout after the window (the target fell behind). */
    final LongAdder unsent = new LongAdder();
    /** Repeat reversals whose DE39 differed from the first answer. */
    final LongAdder repeatMismatches = new LongAdder();
    /** 9100.01 sales that went unanswered as scripted and were then reversed. */
    final LongAdder lostUnanswered = new LongAdder();
    /** Requests sent and not yet answered or timed out, plus requests and reversals waiting for a slot. */
    final AtomicLong outstanding = new AtomicLong();

    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long measureTo = Long.MAX_VALUE;

    private final Dialect dialect;

    Stats(Dialect dialect) {
        this.dialect = dialect;
        for (Kind k : Kind.values()) {
            warm.put(k, new Recorder(3));
            measured.put(k, new Recorder(3));
            codes.put(k, new ConcurrentHashMap<>());
            timeoutsByKind.put(k, new LongAdder());
        }
    }

    public long measureFrom() {
        return measureFrom;
    }

    public long measureTo() {
        return measureTo;
    }

    /** Sets the measured window; until then nothing is measured and closed-loop terminals do not stop. */
    void window(long fromNanos, long toNanos) {
        this.measureTo = toNanos;
        this.measureFrom = fromNanos;
    }

    boolean inWindow(long nanos) {
        return nanos >= measureFrom && nanos < measureTo;
    }

    void sent() {
        sent.increment();
    }

    void answered(Kind kind, long intended, long now, String code) {
        answered.increment();
        if (inWindow(now)) {
            answeredInWindow.increment();
        }
        long latency = Math.max(1, now - intended);
        (intended >= measureFrom ? measured : warm).get(kind).recordValue(latency);
        codes.get(kind).computeIfAbsent(code == null ? "--" : code, c -> new LongAdder()).increment();
        if (Requests.hostError(dialect, code)) {
            errors.increment();
        }
    }

    void timedOut(Kind kind) {
        timeouts.increment();
        timeoutsByKind.get(kind).increment();
    }

    void error() {
        errors.increment();
    }

    /** Interval histograms since the last call, per kind; warm-up ones are returned separately. */
    Map<Kind, Histogram> measuredInterval() {
        return interval(measured);
    }

    Map<Kind, Histogram> warmInterval() {
        return interval(warm);
    }

    private static Map<Kind, Histogram> interval(EnumMap<Kind, Recorder> recorders) {
        EnumMap<Kind, Histogram> out = new EnumMap<>(Kind.class);
        recorders.forEach((k, r) -> out.put(k, r.getIntervalHistogram()));
        return out;
    }

    /** Response codes per kind, sorted, e.g. {@code {00=1234, 51=3}}. */
    public Map<String, Long> codes(Kind kind) {
        Map<String, Long> out = new TreeMap<>();
        codes.get(kind).forEach((c, n) -> out.put(c, n.sum()));
        return out;
    }

    public long timeouts(Kind kind) {
        return timeoutsByKind.get(kind).sum();
    }
}
