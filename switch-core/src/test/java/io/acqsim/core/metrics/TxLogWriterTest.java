package io.acqsim.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The transaction log's hand-off: never waits, drops and counts when full, writes in stamped blocks. */
class TxLogWriterTest {
    private static final long TIME = 1_700_000_000_123L;

    @Test
    void linesArriveInOrderStampedAndInBlocks() throws Exception {
        List<String> blocks = new ArrayList<>();
        try (TxLogWriter w = new TxLogWriter(1024, b -> {
            synchronized (blocks) {
                blocks.add(b);
            }
        }, () -> TIME)) {
            for (int i = 0; i < 500; i++) {
                assertThat(w.offer("line " + i)).isTrue();
            }
            assertThat(w.awaitWritten(5_000)).isTrue();
            assertThat(w.written()).isEqualTo(500);
            assertThat(w.dropped()).isZero();
        }
        List<String> lines = new ArrayList<>();
        synchronized (blocks) {
            assertThat(blocks.size()).as("blocks, not one event per line").isLessThan(500);
            blocks.forEach(b -> {
                assertThat(b).endsWith("\n");
                lines.addAll(List.of(b.split("\n")));
            });
        }
        assertThat(lines).hasSize(500);
        assertThat(lines.get(0)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.123 line 0");
        assertThat(lines.get(499)).endsWith(".123 line 499");
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        try (TxLogWriter w = new TxLogWriter(16, b -> {
            blocked.countDown();
            try {
                release.await(10, TimeUnit.SECONDS); // a console that cannot keep up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, () -> TIME)) {
            w.offer("first");
            assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
            int accepted = 0;
            for (int i = 0; i < 100; i++) {
                if (w.offer("line " + i)) {
                    accepted++;
                }
            }
            assertThat(accepted).isEqualTo(16);
            assertThat(w.dropped()).isEqualTo(84);
            release.countDown();
            assertThat(w.awaitWritten(5_000)).isTrue();
            assertThat(w.written()).isEqualTo(17);
        }
    }

    @Test
    void closeWritesWhatWasQueuedAndAFailingSinkDoesNotStopTheWriter() {
        List<String> lines = new ArrayList<>();
        int[] calls = {0};
        TxLogWriter w = new TxLogWriter(1024, b -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("appender broke");
            }
            synchronized (lines) {
                lines.addAll(List.of(b.split("\n")));
            }
        }, () -> TIME);
        w.offer("lost with the broken block");
        try {
            assertThat(w.awaitWritten(5_000)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        w.offer("a");
        w.offer("b");
        w.close();
        assertThat(w.offer("after close")).isFalse();
        synchronized (lines) {
            assertThat(lines).hasSize(2);
            assertThat(lines.get(1)).endsWith(" b");
        }
        assertThat(w.dropped()).isEqualTo(2);
    }

    @Test
    void aLineIsCopiedSoItsBuilderCanBeReusedAtOnceAndTheCopiesAreRecycled() throws Exception {
        List<String> lines = new ArrayList<>();
        try (TxLogWriter w = new TxLogWriter(1024, b -> {
            synchronized (lines) {
                lines.addAll(List.of(b.split("\n")));
            }
        }, () -> TIME)) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                line.setLength(0);
                assertThat(w.offer(line.append("line ").append(i))).isTrue();
                line.setLength(0);
                line.append("overwritten by the caller");
            }
            assertThat(w.awaitWritten(5_000)).isTrue();
            assertThat(w.spareBuffers()).as("buffers handed back for the next lines").isPositive();
            int spares = w.spareBuffers();
            for (int i = 300; i < 310; i++) { // one at a time: each takes a spare, which is back once written
                assertThat(w.offer("line " + i)).isTrue();
                assertThat(w.awaitWritten(5_000)).isTrue();
                assertThat(w.spareBuffers()).as("no new buffer for line %d", i).isEqualTo(spares);
            }
        }
        synchronized (lines) {
            assertThat(lines).hasSize(310);
            for (int i = 0; i < 310; i++) {
                assertThat(lines.get(i)).endsWith(".123 line " + i);
            }
        }
    }
}
