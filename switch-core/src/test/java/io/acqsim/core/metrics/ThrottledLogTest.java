package io.acqsim.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.core.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A warning repeated a thousand times is one line now and one summary line per interval, with the count. */
class ThrottledLogTest {
    private static final String LOGGER = "io.acqsim.test.throttled";
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final ThrottledLog throttled = new ThrottledLog(LoggerFactory.getLogger(LOGGER), "refusals",
            Duration.ofSeconds(10), now::get);

    private void occur(int times) {
        for (int i = 0; i < times; i++) {
            throttled.warn((task, delay) -> {
                scheduled.add(task);
                delays.add(delay);
            }, () -> "refused one");
        }
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void aBurstIsOneLineAndOneSummaryWithTheCountAtTheEndOfTheInterval() {
        try (LogCapture log = LogCapture.of(LOGGER)) {
            occur(1000);

            assertThat(log.messages()).containsExactly("refused one");
            assertThat(scheduled).hasSize(1);
            assertThat(delays.get(0)).isEqualTo(Duration.ofSeconds(10).toNanos());

            advance(Duration.ofSeconds(10));
            scheduled.remove(0).run();

            assertThat(log.messages()).containsExactly("refused one", "refusals: 999 more within 10s");
        }
    }

    @Test
    void afterAQuietIntervalTheNextOccurrenceIsLoggedAtOnceAgain() {
        try (LogCapture log = LogCapture.of(LOGGER)) {
            occur(1);
            advance(Duration.ofSeconds(11));
            occur(1);

            assertThat(log.messages()).containsExactly("refused one", "refused one");
            assertThat(scheduled).isEmpty();
        }
    }

    @Test
    void aSteadyStreamWritesOneLinePerInterval() {
        try (LogCapture log = LogCapture.of(LOGGER)) {
            for (int second = 0; second < 30; second++) {
                occur(100);
                advance(Duration.ofSeconds(1));
                if (!scheduled.isEmpty() && second % 10 == 9) {
                    scheduled.remove(0).run();
                }
            }
            // 3,000 occurrences in 30 s: the first line and one summary per 10 s interval.
            assertThat(log.messages()).hasSizeLessThanOrEqualTo(4);
            long counted = log.messages().stream().mapToLong(m -> m.startsWith("refusals: ")
                    ? Long.parseLong(m.substring(10, m.indexOf(' ', 10))) : 1).sum();
            assertThat(counted + pending()).isEqualTo(3000);
        }
    }

    private long pending() {
        try (LogCapture log = LogCapture.of(LOGGER)) {
            while (!scheduled.isEmpty()) {
                advance(Duration.ofSeconds(10));
                scheduled.remove(0).run();
            }
            return log.messages().stream().mapToLong(m -> Long.parseLong(m.substring(10, m.indexOf(' ', 10)))).sum();
        }
    }
}
