package io.acqsim.codec.dialect;

import io.acqsim.bench.wire.Requests;
import io.acqsim.codec.CodecException;
import io.acqsim.codec.IsoFrame;
import io.acqsim.core.flow.ResponseBuilder;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pack and unpack of a sale request (0200), its response (0210) and a reversal (0400), per dialect,
 * envelope (TPDU, CUP header) included, length prefix not.
 *
 * <pre>java -jar bench/target/acqsim-bench.jar jmh DialectBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DialectBenchmark {
    @Param({"cup-pos", "iso87-binary", "iso87-ascii"})
    public String dialect;

    @Param({"0200", "0210", "0400"})
    public String mti;

    private Dialect d;
    private IsoFrame frame;
    private byte[] body;

    @Setup
    public void setUp() throws CodecException {
        d = Dialects.byName(dialect);
        Requests r = new Requests(d, "00000001", "123456789012345", "6225880123456789");
        IsoFrame sale = sample(r.saleMessage());
        frame = switch (mti) {
            case "0200" -> sale;
            case "0210" -> ResponseBuilder.withReference(new ResponseBuilder(true, Clock.systemUTC()).respond(sale, "00"),
                    "000000001234", "123456");
            case "0400" -> sample(r.reversalMessage(false, false));
            default -> throw new IllegalArgumentException(mti);
        };
        body = d.encode(frame);
        d.decode(body);
    }

    /** A message with realistic values in the per-request fields. */
    static IsoFrame sample(IsoFrame f) {
        f.msg().set(4, "000000012345");
        f.msg().set(11, "000123");
        if (f.msg().hasField(7)) {
            f.msg().set(7, "1122334455");
        }
        return f;
    }

    @Benchmark
    public byte[] pack() throws CodecException {
        return d.encode(frame);
    }

    @Benchmark
    public IsoFrame unpack() throws CodecException {
        return d.decode(body);
    }
}
