package io.acqsim.core.server;

import io.acqsim.bench.wire.Requests;
import io.acqsim.bench.wire.WireTemplate;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole server path for one request, without sockets: length framing, dialect decode, route,
 * ledger, response, encode, through Netty's {@link EmbeddedChannel}. Each sale has its own STAN,
 * so duplicate detection never short-cuts it. {@code saleAndReversal} posts a sale and reverses it
 * (a reversal's cost is that minus {@code sale}). {@code jposReference} is the yardstick: jPOS
 * alone unpacking the same sale, building the response as jPOS users do (clone, response MTI,
 * DE37/38/39) and packing it.
 *
 * <pre>java -jar bench/target/acqsim-bench.jar jmh PipelineBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Dio.netty.leakDetection.level=disabled"}) // as ./acqsim runs
@State(Scope.Thread)
public class PipelineBenchmark {
    private static final String PAN = "6225880123456789";

    @Param({"cup-pos", "iso87-binary", "iso87-ascii", "iso93-ascii", "iso87-ebcdic"})
    public String dialect;

    private ServerPipeline server;
    private EmbeddedChannel channel;
    private WireTemplate sale;
    private WireTemplate reversal;
    private boolean cup;
    private int stan;
    private long de7;
    private ISOBasePackager packager;
    private byte[] isoSale;

    @Setup(Level.Trial)
    public void setUp() throws ISOException {
        Dialect d = Dialects.byName(dialect);
        server = new ServerPipeline(d, List.of(PAN));
        channel = server.channel();
        Requests r = new Requests(d, "00000001", "123456789012345", PAN);
        cup = r.cup();
        sale = r.sale();
        reversal = r.reversal(false, false);
        de7 = 1_122_334_455L;
        packager = d.packager();
        byte[] frame = sale.set(4, 12_345).set(11, 1).frame();
        if (!cup) {
            sale.set(7, de7);
        }
        isoSale = Arrays.copyOfRange(frame, d.lengthHeader().size() + d.envelopeLength(), frame.length);
        jposReference();
    }

    /** A fresh journal per iteration, so memory stays flat however fast the benchmark runs. */
    @Setup(Level.Iteration)
    public void resetLedger() {
        server.reset();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
        server.close();
    }

    private int nextStan() {
        if (++stan > 999_999) {
            stan = 1;
            de7++;
        }
        return stan;
    }

    private ByteBuf roundTrip(WireTemplate t) {
        if (!cup) {
            t.set(7, de7);
        }
        // as a socket read does: the bytes in a pooled buffer (its object recycled, not allocated),
        // and no varargs array; the frame decoder releases the buffer once it has read the frame
        byte[] frame = t.frame();
        channel.writeOneInbound(PooledByteBufAllocator.DEFAULT.ioBuffer(frame.length).writeBytes(frame),
                channel.voidPromise());
        channel.flushInbound();
        ByteBuf response = channel.readOutbound();
        if (response == null) {
            throw new IllegalStateException("no response");
        }
        return response;
    }

    @Benchmark
    public int sale() {
        ByteBuf r = roundTrip(sale.set(11, nextStan()));
        int n = r.readableBytes();
        r.release();
        return n;
    }

    @Benchmark
    public int saleAndReversal() {
        int s = nextStan();
        ByteBuf a = roundTrip(sale.set(11, s));
        ByteBuf b = roundTrip(reversal.set(4, 12_345).set(11, s));
        int n = a.readableBytes() + b.readableBytes();
        a.release();
        b.release();
        return n;
    }

    @Benchmark
    public byte[] jposReference() throws ISOException {
        ISOMsg m = new ISOMsg();
        packager.unpack(m, isoSale);
        ISOMsg rsp = (ISOMsg) m.clone();
        rsp.setResponseMTI();
        rsp.set(37, "000000001234");
        rsp.set(38, "123456");
        rsp.set(39, "00");
        return packager.pack(rsp);
    }
}
