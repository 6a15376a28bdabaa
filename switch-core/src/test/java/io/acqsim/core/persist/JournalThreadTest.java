package io.acqsim.core.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The journal's hand-over: tasks from many threads, handed over while the journal thread runs or
 * sleeps, all run on that one thread, each producer's in its order; none is left asleep in the
 * queue; after shutdown the queued ones still run and new ones are refused.
 */
class JournalThreadTest {
    @Test
    void everyTaskFromEveryProducerRunsOnceInEachProducersOrder() throws Exception {
        JournalThread journal = new JournalThread("test-journal");
        int producers = 4;
        int each = 20_000;
        long[] last = new long[producers]; // written only by the journal thread
        List<String> wrong = new ArrayList<>(); // likewise
        long[] ran = new long[1];
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch allRan = new CountDownLatch(producers * each);
        for (int p = 0; p < producers; p++) {
            int producer = p;
            new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 1; i <= each; i++) {
                    int n = i;
                    journal.execute(() -> {
                        if (last[producer] != n - 1) {
                            wrong.add(producer + ": " + n + " after " + last[producer]);
                        }
                        last[producer] = n;
                        ran[0]++;
                        allRan.countDown();
                    });
                    if (i % 1_000 == 0) {
                        Thread.yield(); // let the journal thread empty the queue and park now and then
                    }
                }
            }).start();
        }
        start.countDown();
        assertThat(allRan.await(30, TimeUnit.SECONDS)).as("no task left in the queue").isTrue();
        CountDownLatch seen = new CountDownLatch(1);
        long[] snapshot = new long[1];
        List<String> wrongSeen = new ArrayList<>();
        journal.execute(() -> {
            snapshot[0] = ran[0];
            wrongSeen.addAll(wrong);
            seen.countDown();
        });
        assertThat(seen.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(snapshot[0]).isEqualTo((long) producers * each);
        assertThat(wrongSeen).isEmpty();
        journal.shutdown();
        assertThat(journal.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aTaskHandedToASleepingJournalRunsAndShutdownRunsWhatIsQueued() throws Exception {
        JournalThread journal = new JournalThread("test-journal");
        for (int round = 0; round < 200; round++) {
            CountDownLatch ran = new CountDownLatch(1);
            journal.execute(ran::countDown); // the thread is asleep most rounds: the hand-over must wake it
            assertThat(ran.await(5, TimeUnit.SECONDS)).as("round %d", round).isTrue();
        }
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch queued = new CountDownLatch(3);
        journal.execute(() -> {
            blocked.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 3; i++) {
            journal.execute(queued::countDown);
        }
        journal.shutdown();
        assertThatThrownBy(() -> journal.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        release.countDown();
        assertThat(journal.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(queued.getCount()).as("tasks queued before shutdown still ran").isZero();
    }
}
