package io.acqsim.core.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/** Collects what one logger (and its children) logs during a test, at INFO (or ERROR) and above. */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent e) {
            super.append(e);
            notifyAll(); // doAppend holds this appender's lock
        }
    };

    private LogCapture(String name, Level level) {
        this.logger = (Logger) LoggerFactory.getLogger(name);
        this.previous = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(level);
        if (level == Level.ERROR) {
            logger.setAdditive(false); // the expected warnings stay out of the build's output
        }
    }

    public static LogCapture of(Class<?> type) {
        return new LogCapture(type.getName(), Level.INFO);
    }

    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName, Level.INFO);
    }

    /**
     * Keeps only errors of one logger (and its children) while open, collecting them: for tests that
     * provoke thousands of expected warnings.
     */
    public static LogCapture errorsOnly(String loggerName) {
        return new LogCapture(loggerName, Level.ERROR);
    }

    /** The formatted messages so far. */
    public List<String> messages() {
        synchronized (appender) { // AppenderBase.doAppend holds the same lock
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** True once a message containing {@code text} was logged. */
    public boolean contains(String text) {
        return messages().stream().anyMatch(m -> m.contains(text));
    }

    /**
     * Waits until a message satisfying {@code test} is logged and returns it; woken by the log
     * event itself, failing after {@code timeout}.
     */
    public String await(Predicate<String> test, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (appender) {
            int seen = 0;
            while (true) {
                for (; seen < appender.list.size(); seen++) {
                    String m = appender.list.get(seen).getFormattedMessage();
                    if (test.test(m)) {
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching log event within " + timeout + "; got " + messages());
                }
                appender.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
        logger.setAdditive(true);
    }
}
