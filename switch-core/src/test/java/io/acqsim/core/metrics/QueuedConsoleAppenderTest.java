package io.acqsim.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * acqsim's own log lines never make the logging thread (an event loop) wait for the console: the
 * line is queued for a writer thread, and dropped and counted when the writer is stuck.
 */
class QueuedConsoleAppenderTest {
    private final LoggerContext context = new LoggerContext();

    /** An output whose writes wait until {@link #release}: a console nobody reads. */
    private static final class StuckOutput extends OutputStream {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (written) {
                written.write(b, off, len);
            }
        }

        String text() {
            synchronized (written) {
                return written.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private QueuedConsoleAppender appender(OutputStream out, int queueSize) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        QueuedConsoleAppender a = new QueuedConsoleAppender();
        a.setContext(context);
        a.setName("test");
        a.setEncoder(encoder);
        a.setQueueSize(queueSize);
        a.setOutput(out);
        a.start();
        return a;
    }

    private LoggingEvent event(String message) {
        Logger logger = context.getLogger("acqsim.test");
        return new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, null);
    }

    @Test
    void aStuckConsoleNeitherHoldsUpTheLoggingThreadNorLosesWhatFitsInTheQueue() throws Exception {
        StuckOutput out = new StuckOutput();
        QueuedConsoleAppender a = appender(out, 4);
        long droppedBefore = QueuedConsoleAppender.dropped();
        a.doAppend(event("line 1"));
        assertThat(out.entered.await(10, TimeUnit.SECONDS)).as("the writer is stuck writing line 1").isTrue();

        // Seven more lines from another thread: four fit in the queue, three are dropped; none waits.
        CompletableFuture<Void> logging = CompletableFuture.runAsync(() -> {
            for (int i = 2; i <= 8; i++) {
                a.doAppend(event("line " + i));
            }
        });
        logging.get(10, TimeUnit.SECONDS);
        assertThat(QueuedConsoleAppender.dropped() - droppedBefore).isEqualTo(3);
        assertThat(out.text()).isEmpty();

        out.release.countDown();
        a.stop();
        assertThat(out.text()).isEqualTo("line 1\nline 2\nline 3\nline 4\nline 5\n");
    }

    @Test
    void linesAreWrittenInTheOrderTheyWereLogged() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QueuedConsoleAppender a = appender(out, 64);
        for (int i = 1; i <= 50; i++) {
            a.doAppend(event("n" + i));
        }
        a.stop();
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            expected.append('n').append(i).append('\n');
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void theShippedConfigurationLogsThroughIt() throws Exception {
        LoggerContext shipped = new LoggerContext();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(shipped);
        joran.doConfigure(Path.of("..", "config", "logback.xml").toFile());
        try {
            Appender<?> root = shipped.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
            assertThat(root).isInstanceOf(QueuedConsoleAppender.class);
            assertThat(root.isStarted()).isTrue();
            Appender<?> trace = shipped.getLogger("acqsim.trace").getAppender("TRACE_QUEUED");
            assertThat(trace).isInstanceOf(QueuedConsoleAppender.class);
        } finally {
            shipped.stop();
        }
    }
}
