package io.acqsim.core.ledger.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.core.config.AccountsConfig;
import io.acqsim.core.config.LedgerConfig;
import io.acqsim.core.config.PostgresqlConfig;
import io.acqsim.core.ledger.AccountFixture;
import io.acqsim.core.ledger.Book;
import io.acqsim.core.ledger.Transaction;
import io.acqsim.core.metrics.AcqsimMetrics;
import io.acqsim.core.reversal.IsoTraceKey;
import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;
import io.acqsim.core.testing.EmbeddedPg;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store itself, below the flows: units submitted together are committed together (a group
 * commit), in order per key, each all or nothing; a unit that fails takes nothing of its group down.
 */
class GroupCommitTest {
    private static final String DIALECT = "iso87-ascii";
    private static final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private static PgLedger store;
    private static int stan;

    @BeforeAll
    static void open() {
        PostgresqlConfig db = EmbeddedPg.shared().newDatabase();
        store = PgLedger.open(new LedgerConfig(1000, "postgresql", 5, db), new AccountsConfig(true, 100_000L, "156", null),
                List.of(new AccountFixture("4000000000000002", 0, "156")), Clock.systemUTC(), registry);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static Transaction sale(Book book, String pan, long amount) {
        TraceKey key = new IsoTraceKey(DIALECT, "GROUPT01", "MERCHANT0000001", String.format("%06d", ++stan));
        if (book.byKey(key) != null) {
            throw new AssertionError("fresh key already used");
        }
        Transaction t = book.record(TxType.SALE, "0200", DIALECT, "GROUPT01", "MERCHANT0000001", key.stan(),
                book.batchFor(DIALECT, "GROUPT01", "MERCHANT0000001", null), book.account(pan), amount, key,
                "1122334455");
        book.indexOriginal(t);
        return book.postSale(t, null);
    }

    @Test
    void unitsSubmittedTogetherShareCommitsAndEachIsApplied() {
        String pan = "4111550000000001";
        long commitsBefore = registry.get(AcqsimMetrics.LEDGER_COMMIT_LATENCY).timer().count();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            results.add(store.submit(book -> sale(book, pan, 10).responseCode()).toCompletableFuture());
        }
        results.forEach(f -> assertThat(f.join()).isEqualTo("00"));
        long commits = registry.get(AcqsimMetrics.LEDGER_COMMIT_LATENCY).timer().count() - commitsBefore;
        assertThat(commits).as("200 units in fewer commits").isLessThan(200).isPositive();
        assertThat(store.find(pan).orElseThrow().balance()).isEqualTo(100_000 - 200 * 10);
        assertThat(store.node()).isEqualTo(5);
        assertThat(store.transactions(v -> pan.equals(v.pan()), 1).get(0).rrn()).startsWith("05");
    }

    @Test
    void aUnitThatFailsLeavesNothingAndTheRestOfItsGroupCommits() {
        String pan = "4111550000000002";
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            boolean bad = i == 20;
            results.add(store.submit(book -> {
                Transaction t = sale(book, pan, 100);
                if (bad) {
                    throw new IllegalArgumentException("DE95 is not a number");
                }
                return t.responseCode();
            }).toCompletableFuture());
        }
        for (int i = 0; i < 50; i++) {
            CompletableFuture<String> f = results.get(i);
            if (i == 20) {
                assertThatThrownBy(f::join).isInstanceOf(CompletionException.class)
                        .hasCauseInstanceOf(IllegalArgumentException.class);
            } else {
                assertThat(f.join()).isEqualTo("00");
            }
        }
        assertThat(store.find(pan).orElseThrow().balance()).as("49 sales, not 50").isEqualTo(100_000 - 49 * 100);
        assertThat(store.transactions(v -> pan.equals(v.pan()), 100)).hasSize(49);
    }

    @Test
    void laterUnitsOfAGroupSeeEarlierOnesChanges() {
        String pan = "4111550000000003";
        List<CompletableFuture<String>> results = new ArrayList<>();
        // 1,000.00 available: ten sales of 150.00 in one group, the seventh and later decline 51
        for (int i = 0; i < 10; i++) {
            results.add(store.submit(book -> sale(book, pan, 15_000).responseCode()).toCompletableFuture());
        }
        assertThat(results.stream().map(CompletableFuture::join).toList())
                .containsExactly("00", "00", "00", "00", "00", "00", "51", "51", "51", "51");
        assertThat(store.find(pan).orElseThrow().balance()).isEqualTo(100_000 - 6 * 15_000);
    }

    @Test
    void totalsAndJournalSizeFollowTheDatabase() {
        long[] sales = new long[1];
        store.totals((type, state, count, amount) -> {
            if (type == TxType.SALE) {
                sales[0] += count;
            }
        });
        assertThat(sales[0]).isPositive();
        assertThat(store.journalSize()).isGreaterThanOrEqualTo((int) sales[0]);
        assertThat(store.find("4000000000000002").orElseThrow().balance()).as("fixture opened").isZero();
    }
}
