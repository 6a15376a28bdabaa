package io.acqsim.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.core.config.AccountsConfig;
import io.acqsim.core.reversal.IsoTraceKey;
import io.acqsim.core.routing.TxType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Terminals and cards take stripes in the home group of the thread that meets them first, fixed
 * from then on; each thread forgets its own rows, and nothing within the retention is forgotten.
 */
class StripeAffinityTest {
    private static final String DIALECT = "iso87-binary";
    private static final String MERCHANT = "123456789012345";
    private static final int RETENTION = 1000;

    @Test
    void aNameKeepsTheStripeOfTheFirstThreadThatMetIt() {
        Stripes.Affinity affinity = new Stripes.Affinity();
        int first = affinity.of("TERM0001", 3);
        assertThat(first / (Stripes.COUNT / Stripes.GROUPS)).isEqualTo(3);
        assertThat(affinity.of("TERM0001", 5)).isEqualTo(first);
        assertThat(affinity.of("TERM0001", 3)).isEqualTo(first);
        assertThat(affinity.of(null, 5)).isZero();
    }

    @Test
    void twoThreadsOnTheirOwnTerminalsUseDisjointStripesAndKeepTheWholeRetention() throws Exception {
        MemoryLedger ledger = new MemoryLedger(new AccountsConfig(true, 10_000_000L, "156", null), List.of(),
                Clock.systemUTC(), RETENTION);
        // Terminal ids whose buckets the two threads do not share (a shared bucket goes to whoever is first).
        Stripes.Affinity scratch = new Stripes.Affinity();
        List<String> termsA = new ArrayList<>();
        List<String> termsB = new ArrayList<>();
        for (int i = 0; termsA.size() < 50; i++) {
            scratch.of(terminal("A", i), 0);
            termsA.add(terminal("A", i));
        }
        for (int i = 0; termsB.size() < 50; i++) {
            if (scratch.of(terminal("B", i), 1) / (Stripes.COUNT / Stripes.GROUPS) == 1) {
                termsB.add(terminal("B", i));
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<List<long[]>>> posted = new ArrayList<>();
        posted.add(threads.submit(() -> post(ledger, "01", termsA, 3000)));
        posted.add(threads.submit(() -> post(ledger, "02", termsB, 3000)));
        List<long[]> all = new ArrayList<>();
        for (Future<List<long[]>> f : posted) {
            all.addAll(f.get(60, TimeUnit.SECONDS));
        }
        threads.shutdown();

        // The groups: every A terminal in one, every B terminal in another.
        Set<Integer> groupsA = new HashSet<>();
        Set<Integer> groupsB = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            groupsA.add(ledger.terminalStripes.of(termsA.get(i), 7) / (Stripes.COUNT / Stripes.GROUPS));
            groupsB.add(ledger.terminalStripes.of(termsB.get(i), 7) / (Stripes.COUNT / Stripes.GROUPS));
        }
        assertThat(groupsA).hasSize(1);
        assertThat(groupsB).hasSize(1).doesNotContainAnyElementsOf(groupsA);

        // Nothing within the retention of the newest id is forgotten; the journal keeps at most the slack more.
        long newest = all.stream().mapToLong(p -> p[0]).max().orElseThrow();
        Set<Long> onFile = new HashSet<>();
        ledger.transactions(v -> true, Integer.MAX_VALUE).forEach(v -> onFile.add(v.id()));
        for (long[] p : all) {
            if (p[0] > newest - RETENTION) {
                assertThat(onFile).as("id %d is within the retention of %d", p[0], newest).contains(p[0]);
            }
        }
        assertThat(ledger.journalSize()).isBetween(RETENTION, RETENTION + MemoryLedger.SLACK)
                .isEqualTo(onFile.size());
        // The money adds up: every sale approved, every card debited by its own sales.
        long debited = all.stream().mapToLong(p -> p[1]).sum();
        long balances = ledger.accounts().stream().mapToLong(a -> 10_000_000L - a.balance()).sum();
        assertThat(balances).isEqualTo(debited);
    }

    private static String terminal(String prefix, int i) {
        return String.format("%s%07d", prefix, i);
    }

    /** Posts sales on the thread's own terminals and cards; answers (id, amount) of each. */
    private static List<long[]> post(MemoryLedger ledger, String cards, List<String> terminals, int n) {
        List<long[]> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            String terminal = terminals.get(k % terminals.size());
            String pan = String.format("9990%s%010d", cards, k % 50);
            String stan = String.format("%06d", k / terminals.size() + 1);
            IsoTraceKey key = new IsoTraceKey(DIALECT, terminal, MERCHANT, stan);
            long amount = 100 + k % 7;
            Transaction t = ledger.apply(book -> {
                Transaction r = book.record(TxType.SALE, "0200", DIALECT, terminal, MERCHANT, stan, null,
                        book.account(pan), amount, key, "1122334455");
                book.indexOriginal(r);
                return book.postSale(r, null);
            });
            assertThat(t.state()).isEqualTo(TxState.APPROVED);
            out.add(new long[] {t.id(), amount});
        }
        return out;
    }
}
