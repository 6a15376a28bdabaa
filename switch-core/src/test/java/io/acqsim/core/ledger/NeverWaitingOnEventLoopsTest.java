package io.acqsim.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.core.config.AccountsConfig;
import io.acqsim.core.reversal.IsoTraceKey;
import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;
import io.acqsim.core.testing.StripeHolder;
import io.netty.channel.DefaultEventLoop;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The memory store as an event loop uses it: {@link LedgerStore#tryApply} never waits for a
 * stripe another thread holds (it gives up with nothing applied), and {@link LedgerStore#defer}
 * runs the unit later on the same loop, after the units deferred before it, once the stripe is
 * free. The holder is an admin-style unit parked on a latch; every wait in the test is bounded
 * and would only run out if the loop had waited for the holder.
 */
class NeverWaitingOnEventLoopsTest {
    private static final String DIALECT = "iso87-binary";
    private static final String MERCHANT = "MERCHANT0000001";
    private static final long OPENING = 100_000;

    private final MemoryLedger ledger = new MemoryLedger(new AccountsConfig(true, OPENING, "156", null), List.of(),
            Clock.systemUTC(), 1_000);
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private StripeHolder holder;

    @AfterEach
    void stop() throws Exception {
        if (holder != null) {
            holder.close();
        }
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static UnitOfWork<Transaction> sale(String terminal, String pan, long amount, int stan) {
        String s = String.format("%06d", stan);
        TraceKey key = new IsoTraceKey(DIALECT, terminal, MERCHANT, s);
        return book -> {
            book.byKey(key);
            Transaction t = book.record(TxType.SALE, "0200", DIALECT, terminal, MERCHANT, s, null, book.account(pan),
                    amount, key, "1122334455");
            book.indexOriginal(t);
            return book.postSale(t, null);
        };
    }

    /** Holds the stripe of {@code terminal} in another thread until {@link StripeHolder#release}. */
    private StripeHolder hold(String terminal) throws InterruptedException {
        holder = StripeHolder.hold(ledger, book -> book.batchFor(DIALECT, terminal, MERCHANT, null));
        return holder;
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> task) throws Exception {
        return loop.submit(task).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBusyStripeMakesTheLoopGiveUpWithNothingAppliedAndTheDeferredUnitsRunInOrderOnceItIsFree()
            throws Exception {
        hold("TERMHELD");
        List<String> done = new CopyOnWriteArrayList<>();
        CountDownLatch both = new CountDownLatch(2);

        Transaction now = onLoop(() -> ledger.tryApply(sale("TERMHELD", "4111000000000001", 700, 1)));
        assertThat(now).as("the loop did not wait for the holder").isNull();

        onLoop(() -> {
            ledger.defer(null, sale("TERMHELD", "4111000000000001", 700, 1), loop, (t, e) -> {
                done.add(t.terminal() + " " + t.state() + " on " + (loop.inEventLoop() ? "loop" : "other"));
                both.countDown();
            });
            // A free terminal queues behind the deferred one: the loop keeps its units in order.
            assertThat(ledger.tryApply(sale("TERMFREE", "4111000000000002", 300, 2))).isNull();
            ledger.defer(null, sale("TERMFREE", "4111000000000002", 300, 2), loop, (t, e) -> {
                done.add(t.terminal() + " " + t.state() + " on " + (loop.inEventLoop() ? "loop" : "other"));
                both.countDown();
            });
            return null;
        });
        // The loop keeps running other tasks while its units wait.
        assertThat(onLoop(() -> "served")).isEqualTo("served");
        assertThat(done).isEmpty();

        holder.release();
        assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(done).containsExactly("TERMHELD APPROVED on loop", "TERMFREE APPROVED on loop");
        assertThat(ledger.journalSize()).isEqualTo(2);
        assertThat(ledger.find("4111000000000001").orElseThrow().balance()).isEqualTo(OPENING - 700);
        assertThat(ledger.find("4111000000000002").orElseThrow().balance()).isEqualTo(OPENING - 300);
        assertThat(ledger.deferredUnits()).isEqualTo(2);
        // The try that gave up applied nothing: one row and one debit per sale.
        // Nothing left queued: the next unit runs at once again.
        assertThat(onLoop(() -> ledger.tryApply(sale("TERMFREE", "4111000000000002", 100, 3))).state())
                .isEqualTo(TxState.APPROVED);
        assertThat(ledger.find("4111000000000002").orElseThrow().balance()).isEqualTo(OPENING - 400);
    }

    @Test
    void aCardHeldByAnotherThreadIsNotWaitedForEither() throws Exception {
        // The holder takes the card's stripe through its account; the loop's sale needs it after its terminal's.
        holder = StripeHolder.hold(ledger, book -> book.account("4111000000000009"));

        assertThat(onLoop(() -> ledger.tryApply(sale("TERMOTHER", "4111000000000009", 500, 4)))).isNull();
        CompletableFuture<Transaction> later = new CompletableFuture<>();
        onLoop(() -> {
            ledger.defer(null, sale("TERMOTHER", "4111000000000009", 500, 4), loop, (t, e) -> {
                if (e != null) {
                    later.completeExceptionally(e);
                } else {
                    later.complete(t);
                }
            });
            return null;
        });
        holder.release();

        assertThat(later.get(10, TimeUnit.SECONDS).state()).isEqualTo(TxState.APPROVED);
        assertThat(ledger.find("4111000000000009").orElseThrow().balance()).isEqualTo(OPENING - 500);
        assertThat(ledger.journalSize()).isEqualTo(1);
    }

    @Test
    void aDeferredUnitThatFailsAfterRecordingHandsItsErrorOnAndLeavesNoRow() throws Exception {
        hold("TERMFAIL");
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        onLoop(() -> {
            ledger.defer(null, book -> {
                Transaction t = book.record(TxType.SALE, "0200", DIALECT, "TERMFAIL", MERCHANT, "000005", null,
                        book.account("4111000000000005"), 900, null, null);
                throw new IllegalArgumentException("a field the flow found wrong after recording");
            }, loop, (t, e) -> error.complete(e));
            return null;
        });
        holder.release();

        assertThat(error.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found wrong");
        assertThat(ledger.journalSize()).isZero();
        assertThat(ledger.find("4111000000000005").map(Account.AccountView::balance).orElse(OPENING))
                .isEqualTo(OPENING);
    }

    @Test
    void deferredUnitsRunOnlyOnTheThreadThatDeferredThem() {
        MemoryBook book = new MemoryBook(ledger, 0);
        DefaultEventLoop other = new DefaultEventLoop();
        try {
            CompletableFuture<Throwable> thrown = new CompletableFuture<>();
            // A loop whose tasks run on another thread than the caller's is a misuse, refused there.
            book.defer(b -> "x", task -> other.execute(() -> {
                try {
                    task.run();
                    thrown.complete(null);
                } catch (IllegalStateException e) {
                    thrown.complete(e);
                }
            }), (t, e) -> {
            });
            assertThatThrownBy(() -> {
                Throwable t = thrown.get(10, TimeUnit.SECONDS);
                if (t != null) {
                    throw t;
                }
            }).isInstanceOf(IllegalStateException.class).hasMessageContaining("thread that deferred");
        } finally {
            other.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void offTheLoopsApplyStillWaitsForTheHolder() throws Exception {
        hold("TERMWAIT");
        CompletableFuture<Transaction> waited = CompletableFuture.supplyAsync(
                () -> ledger.apply(sale("TERMWAIT", "4111000000000007", 200, 6)));
        assertThat(waited).isNotDone();
        holder.release();
        try {
            assertThat(waited.get(10, TimeUnit.SECONDS).state()).isEqualTo(TxState.APPROVED);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
        assertThat(ledger.deferredUnits()).isZero();
    }
}
