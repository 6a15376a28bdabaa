package io.acqsim.core.metrics;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.MpscArrayQueue;

/**
 * The console appender acqsim ships for its own log lines (declines it explains, faults, sign-ons,
 * undecodable frames): the logging thread, often an event loop, only encodes the line and offers
 * it to a bounded lock-free queue; one writer thread writes the lines to standard output. A
 * logback {@code ConsoleAppender} would take its lock and write to the console on the event loop
 * itself, so a slow terminal or pipe on stdout would hold up every connection of that loop. When
 * the queue is full the line is dropped and counted ({@code acqsim_log_dropped_total}), never
 * waited for.
 *
 * <pre>{@code
 * <appender name="STDOUT" class="io.acqsim.core.metrics.QueuedConsoleAppender">
 *   <queueSize>8192</queueSize>
 *   <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
 * </appender>
 * }</pre>
 */
public final class QueuedConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private static final LongAdder DROPPED = new LongAdder();

    private Encoder<ILoggingEvent> encoder;
    private int queueSize = 8192;
    private OutputStream out = System.out;
    private MpscArrayQueue<byte[]> queue;
    private volatile Drainer writer;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    /** Lines held for the writer before new ones are dropped (default 8,192). */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    /** Where the writer writes (standard output unless a test says otherwise); set before {@link #start}. */
    void setOutput(OutputStream out) {
        this.out = out;
    }

    /** Lines dropped by every such appender because its writer could not keep up, since start. */
    public static long dropped() {
        return DROPPED.sum();
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder for appender " + name);
            return;
        }
        if (queueSize < 2) {
            addError("queueSize must be at least 2: " + queueSize);
            return;
        }
        queue = new MpscArrayQueue<>(queueSize);
        writer = new Drainer("acqsim-log-" + name, this::writeQueued, () -> { });
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        byte[] line = encoder.encode(event);
        if (line == null || line.length == 0) {
            return;
        }
        Drainer w = writer;
        if (w == null || !w.running() || !queue.offer(line)) {
            DROPPED.increment();
        }
    }

    private int writeQueued() {
        int n = 0;
        byte[] line;
        try {
            while ((line = queue.poll()) != null) {
                out.write(line);
                n++;
            }
            if (n > 0) {
                out.flush();
            }
        } catch (IOException e) {
            addError("writing the log failed", e);
        }
        return n;
    }

    /** Writes what is queued, then stops the writer (bounded). */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        writer.close();
    }
}
