package io.acqsim.codec.dialect;

import io.acqsim.bench.wire.Requests;
import io.acqsim.codec.CodecException;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.codec.layout.MessageView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
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
 * envelope (TPDU, CUP header) included. {@code read} and {@code write} are the layout engine the
 * server runs (a view over the frame; the frame written into one buffer, length prefix included);
 * {@code unpack} and {@code pack} are the jPOS path the clients ({@code acqsim send}, tests) use.
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
    @Param({"cup-pos", "iso87-binary", "iso87-ascii", "iso93-ascii", "iso87-ebcdic"})
    public String dialect;

    @Param({"0200", "0210", "0400"})
    public String mti;

    private Dialect d;
    private IsoFrame frame;
    private byte[] body;
    private MessageBuilder message;

    @Setup
    public void setUp() throws CodecException {
        d = Dialects.byName(dialect);
        Requests r = new Requests(d, "00000001", "123456789012345", "6225880123456789");
        IsoFrame sale = sample(r.saleMessage());
        frame = switch (mti) {
            case "0200" -> sale;
            case "0210" -> response(sale);
            case "0400" -> sample(r.reversalMessage(false, false));
            default -> throw new IllegalArgumentException(mti);
        };
        body = d.encode(frame);
        d.decode(body);
        MessageView view = d.read(body);
        message = d.message(view.mti(), view);
        for (int f : view.fieldNumbers()) {
            message.set(f, view.string(f)); // set from values, not echoed: the encoder does the whole work
        }
    }

    /** The jPOS users' response: the request cloned, response MTI, DE37, DE38, DE39. */
    private static IsoFrame response(IsoFrame request) {
        try {
            ISOMsg m = (ISOMsg) request.msg().clone();
            m.setResponseMTI();
            m.set(37, "000000001234");
            m.set(38, "123456");
            m.set(39, "00");
            return request.with(m);
        } catch (ISOException e) {
            throw new IllegalStateException(e);
        }
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

    @Benchmark
    public MessageView read() throws CodecException {
        return d.read(body);
    }

    @Benchmark
    public int write() {
        ByteBuf out = d.write(message, PooledByteBufAllocator.DEFAULT);
        int n = out.readableBytes();
        out.release();
        return n;
    }
}
