package io.acqsim.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.flow.Request;
import io.acqsim.core.flow.TestRequests;
import io.acqsim.core.routing.TxType;
import io.acqsim.core.testing.Messages;
import io.netty.util.concurrent.DefaultEventExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reversal watch is single-writer: its state belongs to one executor, the threads that see a
 * withheld response or a reversal hand it over and never wait, and the admin readers see every
 * event handed over before they asked.
 */
class ReversalWatchTest {
    private static final Dialect ASCII = Dialects.byName("iso87-ascii");
    private final DefaultEventExecutor owner = new DefaultEventExecutor();
    private final ReversalWatch watch = new ReversalWatch(Duration.ofSeconds(30), Clock.systemUTC(), owner);

    @AfterEach
    void stop() throws Exception {
        owner.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }

    private static ISOMsg sale(String terminal, long amount, int stan) {
        ISOMsg m = Messages.sale(ASCII, "4111111111111111", amount, stan).msg();
        m.set(41, terminal);
        return m;
    }

    private static Request request(ISOMsg m, String mti, TxType type) {
        ISOMsg copy = (ISOMsg) m.clone();
        copy.set(0, mti);
        return TestRequests.of(ASCII, copy, type);
    }

    @Test
    void eventsHandedWhileTheWatchsEventLoopIsBusyReturnAtOnceAndAreSeenByTheNextReader() throws Exception {
        ISOMsg sale = sale("TWATCHU1", 5_000, 601);
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        owner.execute(() -> {
            blocked.countDown();
            try {
                busy.await(10, TimeUnit.SECONDS); // the watch's event loop, busy with something else
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();

        CountDownLatch returned = new CountDownLatch(1);
        Thread eventLoop = new Thread(() -> {
            watch.withheld(request(sale, "0200", TxType.SALE), "drop response", "1");
            watch.arrived(request(sale, "0400", TxType.REVERSAL));
            watch.arrived(request(sale, "0401", TxType.REVERSAL));
            watch.arrived(request(sale("TWATCHU1", 7_000, 602), "0400", TxType.REVERSAL));
            returned.countDown();
        }, "another-event-loop");
        synchronized (watch) { // a monitor on the watch (its old lock) held elsewhere stops nobody either
            eventLoop.start();
            assertThat(returned.await(5, TimeUnit.SECONDS)).as("withheld and arrived return while the owner is busy")
                    .isTrue();
        }
        assertThat(busy.getCount()).as("the owner is still busy").isEqualTo(1);
        busy.countDown();

        Map<String, Object> w = watch.describe("TWATCHU1");
        assertThat(w.get("withheld")).isEqualTo(1);
        assertThat(w.get("reversed")).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> e = ((List<Map<String, Object>>) w.get("entries")).get(0);
        assertThat(e.get("status")).isEqualTo("REVERSED");
        assertThat(e.get("stan")).isEqualTo("000601");
        assertThat(e.get("reversalMtis")).isEqualTo(List.of("0400", "0401"));
        assertThat(e.get("reversalAmount")).isEqualTo(5_000L);
        assertThat((List<?>) w.get("otherReversals")).as("the reversal naming STAN 602").hasSize(1);
        assertThat(watch.summary()).hasSize(1);
    }

    @Test
    void aReaderSeesEveryEventHandedBeforeItFromAnyThread() throws Exception {
        int threads = 4;
        int each = 250;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int base = t * each;
            new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    watch.withheld(request(sale("TWATCHU2", 100, 1 + base + i), "0200", TxType.SALE), "close", "2");
                }
                done.countDown();
            }).start();
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(watch.describe("TWATCHU2").get("withheld")).isEqualTo(threads * each);
        assertThat(watch.describe("TWATCHU2").get("waiting")).isEqualTo(threads * each);
        watch.reset();
        assertThat(watch.summary()).isEmpty();
    }
}
