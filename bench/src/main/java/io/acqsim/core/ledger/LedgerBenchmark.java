package io.acqsim.core.ledger;

import io.acqsim.core.config.AccountsConfig;
import io.acqsim.core.reversal.IsoTraceKey;
import io.acqsim.core.routing.TxType;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ledger alone, through its public API ({@link LedgerStore#apply} and {@link Book}), with
 * {@code onFile} sales already journaled (10^6, the default retention, so every new entry also
 * evicts the oldest) from 1,000 terminals on 1,000 cards:
 * <ul>
 *   <li>{@code postSale}: look the key up for duplicates, journal, index, debit — what a sale does;</li>
 *   <li>{@code saleAndReversal}: a sale and then its full reversal by key (a reversal alone costs
 *       this minus {@code postSale});</li>
 *   <li>{@code lookupByKey}: find an original on file by its DE41 + DE42 + DE11 key.</li>
 * </ul>
 *
 * <pre>java -jar bench/target/acqsim-bench.jar jmh LedgerBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@State(Scope.Thread)
public class LedgerBenchmark {
    private static final String DIALECT = "iso87-binary";
    private static final String MERCHANT = "123456789012345";
    private static final int TERMINALS = 1000;
    private static final int STANS = 999_999;

    @Param({"1000000"})
    public int onFile;

    private LedgerStore ledger;
    private String[] pans;
    private String[] terminals;
    private String[] stans;
    private long n;
    private long lookups;
    /** Keys already on file when a sale arrived (the duplicate check's look-up, kept observable). */
    public long seenBefore;

    @Setup(Level.Trial)
    public void names() {
        pans = new String[TERMINALS];
        terminals = new String[TERMINALS];
        for (int i = 0; i < TERMINALS; i++) {
            pans[i] = String.format("999002%09d0", i);
            terminals[i] = String.format("B%07d", i);
        }
        stans = new String[STANS + 1];
        for (int i = 1; i <= STANS; i++) {
            stans[i] = String.format("%06d", i);
        }
    }

    @Setup(Level.Iteration)
    public void fill() {
        ledger = new MemoryLedger(new AccountsConfig(true, Money.MAX_BALANCE, "156", null), List.of(), Clock.systemUTC(),
                1_000_000);
        for (n = 0; n < onFile; n++) {
            post(n);
        }
    }

    private IsoTraceKey key(long i) {
        return new IsoTraceKey(DIALECT, terminals[(int) (i % TERMINALS)], MERCHANT,
                stans[(int) (i / TERMINALS % STANS) + 1]);
    }

    private Transaction post(long i) {
        IsoTraceKey key = key(i);
        String pan = pans[(int) (i % TERMINALS)];
        return ledger.apply(book -> {
            if (book.byKey(key) != null) {
                seenBefore++;
            }
            Account a = book.account(pan);
            Transaction t = book.record(TxType.SALE, "0200", DIALECT, key.terminal(), MERCHANT, key.stan(), null, a,
                    1234, key, "1122334455");
            book.indexOriginal(t);
            return book.postSale(t, null);
        });
    }

    @Benchmark
    public Transaction postSale() {
        return post(n++);
    }

    @Benchmark
    public Transaction saleAndReversal() {
        long i = n++;
        post(i);
        IsoTraceKey key = key(i);
        return ledger.apply(book -> {
            Transaction original = book.byKey(key);
            Transaction rv = book.record(TxType.REVERSAL, "0400", DIALECT, key.terminal(), MERCHANT, key.stan(),
                    null, original.account(), 1234, key, "1122334455");
            return book.reverse(rv, original, 0, null);
        });
    }

    @Benchmark
    public Transaction lookupByKey() {
        IsoTraceKey key = key(n - 1 - (lookups++ * 7919) % onFile);
        return ledger.apply(book -> book.byKey(key));
    }
}
