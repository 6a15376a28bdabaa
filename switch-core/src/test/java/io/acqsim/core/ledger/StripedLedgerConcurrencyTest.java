package io.acqsim.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.core.config.AccountsConfig;
import io.acqsim.core.reversal.IsoTraceKey;
import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The memory store without a global lock, hammered by several threads at once on shared terminals
 * and cards: sales, reversals of each other's sales, refunds by RRN from other terminals (so units
 * take stripes out of order and start again), with an admin thread listing, totalling and
 * re-putting accounts meanwhile. Afterwards no thread is stuck and the money adds up exactly:
 * balance = opening - sales in effect + refunds, for every card. Bounded: a fixed number of
 * operations, and a deadline on the join.
 */
class StripedLedgerConcurrencyTest {
    private static final String DIALECT = "iso87-binary";
    private static final String MERCHANT = "MERCHANT0000001";
    private static final long OPENING = 10_000_000;
    private static final String[] TERMINALS = {"C0000001", "C0000002", "C0000003", "C0000004", "C0000005", "C0000006"};
    private static final String[] PANS = {"4111000000000001", "4111000000000002", "4111000000000003"};

    private final LedgerStore ledger = new MemoryLedger(new AccountsConfig(true, OPENING, "156", null), List.of(),
            Clock.systemUTC(), 100_000);

    private record Posted(TraceKey key, String rrn, String pan) {
    }

    @Test
    void threadsSharingTerminalsAndCardsNeitherDeadlockNorLoseMoney() throws Exception {
        int threads = 4;
        int perThread = 3_000;
        ConcurrentLinkedQueue<Posted> sales = new ConcurrentLinkedQueue<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            Thread w = new Thread(() -> {
                Random random = new Random(seed);
                try {
                    for (int i = 0; i < perThread; i++) {
                        int op = random.nextInt(10);
                        String terminal = TERMINALS[random.nextInt(TERMINALS.length)];
                        String pan = PANS[random.nextInt(PANS.length)];
                        String stan = String.format("%06d", seed * perThread + i + 1);
                        if (op < 6 || sales.isEmpty()) {
                            TraceKey key = new IsoTraceKey(DIALECT, terminal, MERCHANT, stan);
                            Transaction sale = ledger.apply(book -> {
                                book.byKey(key);
                                Transaction s = book.record(TxType.SALE, "0200", DIALECT, terminal, MERCHANT, stan,
                                        null, book.account(pan), 1 + random.nextInt(500), key, "1122334455");
                                book.indexOriginal(s);
                                return book.postSale(s, null);
                            });
                            if (sale.approved()) {
                                sales.add(new Posted(key, sale.rrn(), pan));
                            }
                        } else if (op < 8) {
                            Posted p = sales.poll();
                            ledger.apply(book -> {
                                if (book.reversalOf(p.key()) != null) {
                                    return null;
                                }
                                Transaction original = book.byKey(p.key());
                                Transaction rv = book.record(TxType.REVERSAL, "0400", DIALECT, p.key().terminal(),
                                        MERCHANT, p.key().stan(), null, original == null ? null : original.account(),
                                        original == null ? 0 : original.amount(), p.key(), null);
                                if (original == null) {
                                    return book.tombstone(rv, "00", null);
                                }
                                if (original.state() != TxState.APPROVED || original.refunded() > 0) {
                                    return book.decline(rv, "12", null);
                                }
                                return book.reverse(rv, original, 0, null);
                            });
                        } else {
                            Posted p = sales.peek();
                            if (p == null) {
                                continue;
                            }
                            // a refund from another terminal, naming the sale by RRN
                            ledger.apply(book -> {
                                Transaction target = book.byRrn(p.rrn());
                                Account card = book.account(p.pan());
                                Transaction r = book.record(TxType.REFUND, "0200", DIALECT, terminal, MERCHANT, stan,
                                        null, card, 1, new IsoTraceKey(DIALECT, terminal, MERCHANT, stan), null);
                                if (target == null || !target.state().inEffect()
                                        || target.refunded() + 1 > target.effective()) {
                                    return book.decline(r, "12", null);
                                }
                                return book.postRefund(r, target, null);
                            });
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }, "ledger-worker-" + t);
            workers.add(w);
            w.start();
        }
        Thread admin = new Thread(() -> {
            while (done.getCount() > 0) {
                ledger.transactions(v -> "REFUND".equals(v.type()), 50);
                ledger.totals((type, state, count, amount) -> {
                });
                ledger.journalSize();
                ledger.accounts();
            }
        }, "ledger-admin");
        admin.start();
        assertThat(done.await(60, TimeUnit.SECONDS)).as("every worker finished (no deadlock)").isTrue();
        admin.join(10_000);
        assertThat(failure.get()).isNull();

        for (String pan : PANS) {
            long debits = 0;
            long refunds = 0;
            for (TransactionView v : ledger.transactions(v -> pan.equals(v.pan()), Integer.MAX_VALUE)) {
                if (!TxState.valueOf(v.state()).inEffect()) {
                    continue;
                }
                if (v.type().equals("SALE")) {
                    debits += v.effective();
                } else if (v.type().equals("REFUND")) {
                    refunds += v.effective();
                }
            }
            assertThat(ledger.find(pan).orElseThrow().balance()).as(pan).isEqualTo(OPENING - debits + refunds);
        }
        long[] counted = new long[1];
        ledger.totals((type, state, count, amount) -> counted[0] += count);
        assertThat(counted[0]).isEqualTo(ledger.journalSize()).isEqualTo(ledger.transactions(v -> true,
                Integer.MAX_VALUE).size());
    }
}
