package io.acqsim.core.ledger;

import io.acqsim.core.config.AccountsConfig;
import io.acqsim.core.reversal.IsoTraceKey;
import io.acqsim.core.routing.TxType;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Does the ledger scale with event loops? One shared {@link MemoryLedger} (with {@code onFile}
 * sales already journaled, so every new one also evicts the oldest), sales posted by one thread
 * and by two threads, each thread on its own 500 terminals and 500 cards (disjoint accounts, as
 * two event loops serving different terminals see it). The target: {@code twoThreads}
 * at least 1.6 times {@code oneThread} (throughput, operations per second summed over threads).
 *
 * <pre>java -jar bench/target/acqsim-bench.jar jmh LedgerScalingBenchmark</pre>
 *
 * Run it on a machine with two idle cores; on a busy one, both numbers mean nothing.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class LedgerScalingBenchmark {
    private static final String DIALECT = "iso87-binary";
    private static final String MERCHANT = "123456789012345";
    static final int PER_THREAD = 500;

    /** The ledger both threads share. */
    @State(Scope.Benchmark)
    public static class Shared {
        @Param({"1000000"})
        public int onFile;

        LedgerStore ledger;
        final AtomicInteger threads = new AtomicInteger();

        @Setup(Level.Trial)
        public void fill() {
            ledger = new MemoryLedger(new AccountsConfig(true, Money.MAX_BALANCE, "156", null), List.of(),
                    Clock.systemUTC(), 1_000_000);
            Poster filler = new Poster();
            filler.names(99);
            for (int i = 0; i < onFile; i++) {
                filler.post(ledger);
            }
        }
    }

    /** One thread's own terminals and cards, and its STAN counter. */
    @State(Scope.Thread)
    public static class Poster {
        String[] pans;
        String[] terminals;
        String[] stans;
        long n;

        @Setup(Level.Trial)
        public void setUp(Shared shared) {
            names(shared.threads.getAndIncrement());
        }

        void names(int thread) {
            pans = new String[PER_THREAD];
            terminals = new String[PER_THREAD];
            for (int i = 0; i < PER_THREAD; i++) {
                pans[i] = String.format("9990%02d%09d0", thread, i);
                terminals[i] = String.format("S%02d%05d", thread, i);
            }
            stans = new String[1_000_000];
            for (int i = 1; i < stans.length; i++) {
                stans[i] = String.format("%06d", i);
            }
        }

        Transaction post(LedgerStore ledger) {
            long i = n++;
            int who = (int) (i % PER_THREAD);
            String terminal = terminals[who];
            String stan = stans[(int) (i / PER_THREAD % 999_999) + 1];
            IsoTraceKey key = new IsoTraceKey(DIALECT, terminal, MERCHANT, stan);
            String pan = pans[who];
            return ledger.apply(book -> {
                book.byKey(key);
                Account a = book.account(pan);
                Transaction t = book.record(TxType.SALE, "0200", DIALECT, terminal, MERCHANT, stan, null, a, 1234,
                        key, "1122334455");
                book.indexOriginal(t);
                return book.postSale(t, null);
            });
        }
    }

    @Benchmark
    @Threads(1)
    public Transaction oneThread(Shared shared, Poster poster) {
        return poster.post(shared.ledger);
    }

    @Benchmark
    @Threads(2)
    public Transaction twoThreads(Shared shared, Poster poster) {
        return poster.post(shared.ledger);
    }
}
