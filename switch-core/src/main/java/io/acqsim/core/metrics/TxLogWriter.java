package io.acqsim.core.metrics;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpmcArrayQueue;

/**
 * Carries transaction-log lines from the event loops to one writer thread, so that a listener
 * never waits for a console or a disk, nor for a lock another listener holds. An event loop only
 * offers a finished line to a bounded lock-free queue; when the queue is full (the writer cannot
 * keep up) the line is dropped and counted instead of waiting. A line travels in a buffer the
 * writer hands back once it has appended it (a second lock-free queue of spare buffers), so an
 * event loop copies its line into a recycled buffer instead of making a String of it. The writer drains up to
 * {@value #BATCH} lines at a time, stamps each with the time it drained it, and hands them to the
 * sink as one block of text: one write for many lines; between blocks it yields the core while the
 * queue is less than half full.
 */
public final class TxLogWriter implements AutoCloseable {
    /**
     * Lines per block handed to the sink. Small enough that the writer never holds a core for long
     * (about a tenth of a millisecond of formatting), and it yields between blocks: with acqsim
     * pinned to one core, a writer that formatted a thousand lines at a stretch kept the event loop
     * waiting for the core for milliseconds, which was the whole p99 of an open-loop run.
     */
    static final int BATCH = 128;
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.")
            .withZone(ZoneId.systemDefault());

    /** Spare line buffers kept for reuse; beyond this many, a returned buffer is left to the collector. */
    static final int SPARE_BUFFERS = 4096;

    private final MpscArrayQueue<StringBuilder> queue;
    /** Buffers the writer has emptied (it alone offers), taken again by the event loops. */
    private final SpmcArrayQueue<StringBuilder> spares = new SpmcArrayQueue<>(SPARE_BUFFERS);
    private final int capacity;
    private final Consumer<String> sink;
    private final LongSupplier clock;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final StringBuilder block = new StringBuilder(BATCH * 128);
    private final Drainer drainer;
    private long stampSecond = Long.MIN_VALUE;
    private String stampPrefix = "";

    /**
     * @param capacity lines the queue holds before lines are dropped
     * @param sink     writes one block of lines (each ending in a newline); called on the writer thread only
     * @param clock    epoch milliseconds for the stamps
     */
    public TxLogWriter(int capacity, Consumer<String> sink, LongSupplier clock) {
        this.queue = new MpscArrayQueue<>(capacity);
        this.capacity = capacity;
        this.sink = sink;
        this.clock = clock;
        this.drainer = new Drainer("acqsim-txlog", this::drainOnce, this::afterBlock);
    }

    /**
     * Queues a copy of {@code line} (the caller may reuse its builder at once); never blocks. False,
     * and counted as dropped, when the queue is full or closed.
     */
    public boolean offer(CharSequence line) {
        if (!drainer.running()) {
            dropped.increment();
            return false;
        }
        StringBuilder copy = spares.relaxedPoll();
        if (copy == null) {
            copy = new StringBuilder(Math.max(160, line.length()));
        }
        copy.setLength(0);
        copy.append(line);
        if (queue.offer(copy)) {
            accepted.increment();
            return true;
        }
        dropped.increment(); // the buffer is left to the collector: only the writer hands spares back
        return false;
    }

    /** Lines the writer could not keep up with (or that came after close), since start. */
    public long dropped() {
        return dropped.sum();
    }

    /** Emptied line buffers waiting to be taken again (tests). */
    int spareBuffers() {
        return spares.size();
    }

    /** Lines handed to the sink, since start. */
    public long written() {
        return written.sum();
    }

    /**
     * Waits until every line accepted before this call has been handed to the sink, checking every
     * millisecond, at most {@code timeoutMillis}: for shutdown and for tests that read the log.
     */
    public boolean awaitWritten(long timeoutMillis) throws InterruptedException {
        long target = accepted.sum();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (written.sum() < target) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            drainer.wake();
            TimeUnit.MILLISECONDS.sleep(1);
        }
        return true;
    }

    /** After a block: while keeping up, let an event loop waiting for this core have it before the next. */
    private void afterBlock() {
        if (queue.size() < capacity / 2) {
            // Falling behind instead: keep the core for the writer's share, or lines would be dropped.
            Thread.yield();
        }
    }

    private int drainOnce() {
        int n = queue.drain(this::append, BATCH);
        if (n > 0) {
            try {
                sink.accept(block.toString());
            } catch (RuntimeException e) {
                // a failing appender must not stop the writer: the lines of this block are lost, and counted
                dropped.add(n);
            }
            block.setLength(0);
            written.add(n);
        }
        return n;
    }

    private void append(StringBuilder line) {
        long now = clock.getAsLong();
        long second = Math.floorDiv(now, 1000);
        if (second != stampSecond) {
            stampSecond = second;
            stampPrefix = SECOND.format(Instant.ofEpochSecond(second));
        }
        int millis = (int) Math.floorMod(now, 1000);
        block.append(stampPrefix).append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10)).append(' ').append(line).append('\n');
        spares.relaxedOffer(line); // full: this one is left to the collector
    }

    /** Stops taking lines, writes what is queued and waits (bounded) for the writer to finish. */
    @Override
    public void close() {
        drainer.close();
    }
}
