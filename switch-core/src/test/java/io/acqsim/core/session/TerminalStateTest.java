package io.acqsim.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.core.routing.TxType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What counts as a STAN reuse, and what a terminal's session keeps, without sockets. */
class TerminalStateTest {
    private static final long WINDOW = 300_000;

    private static TerminalState.Use sale(String stan, String de7, long amount, long at) {
        return new TerminalState.Use(stan, null, "0200", TxType.SALE, de7, amount, "4111111111111111", at);
    }

    @Test
    void aDifferentTransactionUnderAUsedStanInsideTheWindowIsAReuse() {
        TerminalState t = new TerminalState("T1");
        assertThat(t.use(sale("000001", "0301100000", 100, 0), WINDOW)).isNull();
        TerminalState.StanReuse r = t.use(sale("000001", "0301100500", 250, 60_000), WINDOW);
        assertThat(r).isNotNull();
        assertThat(r.first().amount()).isEqualTo(100);
        assertThat(r.second().amount()).isEqualTo(250);
        assertThat(t.describe().get("stanReuses")).isEqualTo(1L);
        assertThat(r.toString()).doesNotContain("4111111111111111");
        assertThat(r.first().toString()).contains("411111******1111");
    }

    @Test
    void aReuseShowsBothTransactionsAsSentThoughTheRingKeepsDe7AsANumber() {
        TerminalState t = new TerminalState("T7");
        t.use(sale("000008", "0301100000", 100, 0), WINDOW);
        TerminalState.StanReuse r = t.use(sale("000008", "0301100001", 100, 1), WINDOW);
        assertThat(r.first().de7()).isEqualTo("0301100000");
        assertThat(r.second().de7()).isEqualTo("0301100001");
        t.use(sale("000009", "X1", 100, 2), WINDOW);
        assertThat(t.use(sale("000009", "X1", 100, 3), WINDOW)).as("the same text DE7 again").isNull();
        assertThat(t.use(sale("000009", "01", 100, 4), WINDOW).first().de7()).isEqualTo("X1");
        assertThat(t.use(sale("000009", "1", 100, 5), WINDOW)).as("DE7 01 and 1 differ").isNotNull();
        assertThat(t.use(sale("000009", null, 100, 6), WINDOW).second().de7()).isNull();
    }

    @Test
    void theSameMessageAgainOrARepeatIsNoReuse() {
        TerminalState t = new TerminalState("T2");
        t.use(sale("000002", "0301100000", 100, 0), WINDOW);
        assertThat(t.use(sale("000002", "0301100000", 100, 1_000), WINDOW)).isNull();
        TerminalState.Use repeat = new TerminalState.Use("000003", null, "0100", TxType.AUTH, "1", 5, "4", 0);
        t.use(repeat, WINDOW);
        assertThat(t.use(new TerminalState.Use("000003", null, "0101", TxType.AUTH, "1", 5, "4", 10), WINDOW))
                .isNull();
    }

    @Test
    void aStanUsedAgainAfterTheWindowIsNoReuse() {
        TerminalState t = new TerminalState("T3");
        t.use(sale("000004", "0301100000", 100, 0), WINDOW);
        assertThat(t.use(sale("000004", "0301110000", 200, WINDOW + 1), WINDOW)).isNull();
    }

    @Test
    void onCupTheBatchIsPartOfTheStan() {
        TerminalState t = new TerminalState("T4");
        t.use(new TerminalState.Use("000005", "000001", "0200", TxType.SALE, null, 100, "6", 0), WINDOW);
        assertThat(t.use(new TerminalState.Use("000005", "000002", "0200", TxType.SALE, null, 300, "6", 1), WINDOW))
                .isNull();
        assertThat(t.use(new TerminalState.Use("000005", "000001", "0200", TxType.SALE, null, 300, "6", 2), WINDOW))
                .isNotNull();
    }

    @Test
    void signOnSignOffAndSettlementMoveTheSession() {
        TerminalState t = new TerminalState("T5");
        assertThat(t.signedOn()).isFalse();
        t.signOn(1, "000009");
        assertThat(t.signedOn()).isTrue();
        assertThat(t.batch()).isEqualTo("000009");
        t.settled("000008");
        assertThat(t.batch()).as("a settlement of another batch leaves the session alone").isEqualTo("000009");
        t.settled("000009");
        assertThat(t.batch()).isEqualTo("000010");
        t.signOff(2);
        assertThat(t.signedOn()).isFalse();
        assertThat(TerminalState.nextBatch("999999")).isEqualTo("000000");
    }

    @Test
    void onlyTheNewestReusesAreListedButAllAreCounted() {
        TerminalState t = new TerminalState("T6");
        for (int i = 0; i < TerminalState.REUSES_KEPT + 5; i++) {
            t.use(sale("000007", "A" + i, i, i), WINDOW);
        }
        assertThat(t.describe().get("stanReuses")).isEqualTo((long) TerminalState.REUSES_KEPT + 4);
        assertThat((java.util.List<?>) t.describe().get("reuses")).hasSize(TerminalState.REUSES_KEPT);
    }

    @Test
    void aUseMetWhileAnotherThreadHoldsTheRingReturnsAtOnceAndIsCheckedWhenTheHolderLetsGo() throws Exception {
        TerminalState t = new TerminalState("T8");
        List<TerminalState.StanReuse> reported = new CopyOnWriteArrayList<>();
        TerminalState.Reporter reporter = (dialect, tid, reuse, window) -> reported.add(reuse);
        t.use(sale("000010", "0301100000", 100, 0), WINDOW, reporter);
        assertThat(t.holdRing()).as("another event loop in the middle of a check").isTrue();

        CountDownLatch returned = new CountDownLatch(1);
        AtomicReference<TerminalState.StanReuse> answer = new AtomicReference<>();
        Thread other = new Thread(() -> {
            answer.set(t.use(sale("000010", "0301100500", 250, 1_000), WINDOW, reporter));
            returned.countDown();
        }, "other-event-loop");
        other.start();
        assertThat(returned.await(5, TimeUnit.SECONDS)).as("use returns while the ring is held").isTrue();
        assertThat(answer.get()).as("handed over, not checked by its sender").isNull();
        assertThat(t.handedOver()).isEqualTo(1);
        assertThat(reported).isEmpty();
        assertThat(t.describe().get("stanReuses")).isEqualTo(0L);

        t.releaseRing(reporter);
        assertThat(t.handedOver()).isZero();
        assertThat(reported).hasSize(1);
        assertThat(reported.get(0).first().amount()).isEqualTo(100);
        assertThat(reported.get(0).second().amount()).isEqualTo(250);
        assertThat(reported.get(0).second().de7()).isEqualTo("0301100500");
        assertThat(t.describe().get("stanReuses")).isEqualTo(1L);
        assertThat(t.holdRing()).as("the ring is free again").isTrue();
        t.releaseRing(reporter);
    }

    @Test
    void threadsRacingOnOneTerminalLoseNoUseAndReportEachReuseOnce() throws Exception {
        int threads = 4;
        for (int round = 0; round < 300; round++) {
            TerminalState t = new TerminalState("T9");
            List<TerminalState.StanReuse> reported = new CopyOnWriteArrayList<>();
            TerminalState.Reporter reporter = (dialect, tid, reuse, window) -> reported.add(reuse);
            CountDownLatch start = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(threads);
            for (int i = 0; i < threads; i++) {
                long amount = 100 + i; // each a different transaction under the same STAN
                Thread racer = new Thread(() -> {
                    try {
                        start.await();
                        t.use(sale("000011", "0301100000", amount, amount), WINDOW, reporter);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                });
                racer.start();
            }
            start.countDown();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(t.handedOver()).as("round %d: nothing left behind", round).isZero();
            assertThat(reported).as("round %d: every use but the first finds an earlier one", round)
                    .hasSize(threads - 1);
            assertThat(t.describe().get("stanReuses")).isEqualTo((long) threads - 1);
        }
    }

    @Test
    void networkFunctionsAreReadPerDialect() {
        assertThat(NetworkFunction.of("0800", null, null, "001")).isEqualTo(NetworkFunction.SIGN_ON);
        assertThat(NetworkFunction.of("0800", null, null, "002")).isEqualTo(NetworkFunction.SIGN_OFF);
        assertThat(NetworkFunction.of("0800", null, null, "301")).isEqualTo(NetworkFunction.OTHER);
        assertThat(NetworkFunction.of("0800", null, "00000001003", null)).isEqualTo(NetworkFunction.SIGN_ON);
        assertThat(NetworkFunction.of("0800", null, "00000001004", null)).isEqualTo(NetworkFunction.SIGN_ON);
        assertThat(NetworkFunction.of("0820", null, "00000001002", null)).isEqualTo(NetworkFunction.SIGN_OFF);
        assertThat(NetworkFunction.of("1804", "801", null, null)).isEqualTo(NetworkFunction.SIGN_ON);
        assertThat(NetworkFunction.of("1804", "802", null, null)).isEqualTo(NetworkFunction.SIGN_OFF);
        assertThat(NetworkFunction.of("0200", null, null, "001")).isEqualTo(NetworkFunction.OTHER);
    }
}
