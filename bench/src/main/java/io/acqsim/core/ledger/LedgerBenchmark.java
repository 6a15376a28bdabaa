package io.acqsim.core.ledger;

import io.acqsim.core.config.AccountsConfig;
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
 * The ledger alone, with {@code onFile} transactions already journaled (10^6 by default) spread
 * over 1,000 accounts: posting a sale through {@link Ledger#apply}.
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
    private static final int ACCOUNTS = 1000;

    @Param({"1000000"})
    public int onFile;

    private Ledger ledger;
    private String[] pans;
    private String[] stans;
    private long n;

    @Setup(Level.Iteration)
    public void fill() {
        ledger = new Ledger(new AccountsConfig(true, Long.MAX_VALUE / 4, "156", null), List.of(), Clock.systemUTC());
        pans = new String[ACCOUNTS];
        for (int i = 0; i < ACCOUNTS; i++) {
            pans[i] = String.format("999002%010d", i);
        }
        stans = new String[1_000_000];
        for (int i = 0; i < stans.length; i++) {
            stans[i] = String.format("%06d", i);
        }
        for (n = 0; n < onFile; n++) {
            post();
        }
    }

    private Transaction post() {
        String pan = pans[(int) (n % ACCOUNTS)];
        String stan = stans[(int) (n % 1_000_000)];
        return ledger.apply(book -> {
            Account a = book.account(pan);
            Transaction t = book.record(TxType.SALE, "0200", "iso87-binary", "00000001", "123456789012345", stan,
                    null, a, 1234);
            return book.sale(t, null);
        });
    }

    @Benchmark
    public Transaction postSale() {
        n++;
        return post();
    }
}
