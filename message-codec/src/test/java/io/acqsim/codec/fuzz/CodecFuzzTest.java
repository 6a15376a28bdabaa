package io.acqsim.codec.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.acqsim.codec.CodecException;
import io.acqsim.codec.DecodeFailure;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.ViewDecoder;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.codec.layout.MessageView;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.codec.framing.FrameDecoder;
import io.acqsim.codec.framing.FrameTooLongException;
import io.acqsim.codec.golden.GoldenVector;
import io.acqsim.codec.golden.GoldenVectors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile bytes against the codec: the golden vectors of each dialect, mutated (bit flips,
 * truncation, extension, random bitmaps, all-nines LL/LLL lengths, non-digits in numerics,
 * garbage fields, splices), must only ever raise {@link CodecException} from
 * {@link Dialect#decode}, and whatever decodes must encode again or raise {@link CodecException}.
 * The same bytes with right and wrong length prefixes go through the Netty decoders, which may
 * only pass on frames and decode failures or reject the prefix, and must release every buffer.
 *
 * <p>Each dialect runs for a bounded time ({@code -Dacqsim.fuzz.millis}, default 2000) from a
 * fixed seed ({@code -Dacqsim.fuzz.seed} overrides it). Every case has its own seed, printed on
 * failure with the mutation and the bytes, so a failure can be replayed exactly.
 */
class CodecFuzzTest {
    private static final long MILLIS = Long.getLong("acqsim.fuzz.millis", 2000);
    /** Cases every run covers however slow the machine is; past them the run goes on until its time is up. */
    private static final int MIN_CASES = Integer.getInteger("acqsim.fuzz.minCases", 300);
    private static final long BASE_SEED = Long.getLong("acqsim.fuzz.seed", 0x8583_1987L);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    static Stream<Dialect> dialects() {
        return Dialects.all().stream();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void mutatedGoldenVectorsOnlyEverRaiseCodecException(Dialect dialect) {
        Mutator mutator = mutator(dialect);
        long deadline = System.nanoTime() + MILLIS * 1_000_000;
        long base = BASE_SEED ^ dialect.name().hashCode();
        int cases = 0;
        int decoded = 0;
        do {
            long seed = base + cases;
            Mutator.Mutant m = mutator.next(new Random(seed));
            try {
                IsoFrame frame = dialect.decode(m.body());
                decoded++;
                dialect.encode(frame);
            } catch (CodecException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (Throwable t) {
                fail(report(dialect, seed, m, t), t);
            }
            cases++;
        } while (cases < MIN_CASES || System.nanoTime() < deadline);
        System.out.printf("codec fuzz %s: %d cases from seed %d, %d still decoded%n", dialect, cases, base, decoded);
    }

    /**
     * The engine the server runs: a mutated frame either fails to read with a CodecException, or
     * reads into a view whose every field can then be read and echoed into a response that writes.
     */
    @ParameterizedTest
    @MethodSource("dialects")
    void mutatedGoldenVectorsThroughTheLayoutEngineOnlyEverRaiseCodecException(Dialect dialect) {
        Mutator mutator = mutator(dialect);
        long deadline = System.nanoTime() + MILLIS * 1_000_000;
        long base = BASE_SEED ^ dialect.name().hashCode() ^ 0x1A7_0E7L;
        int cases = 0;
        int read = 0;
        do {
            long seed = base + cases;
            Mutator.Mutant m = mutator.next(new Random(seed));
            MessageView view;
            try {
                view = dialect.read(m.body());
            } catch (CodecException expected) {
                assertThat(expected.getMessage()).isNotBlank();
                cases++;
                continue;
            } catch (Throwable t) {
                fail(report(dialect, seed, m, t), t);
                return;
            }
            try {
                read++;
                MessageBuilder response = dialect.message(view.mti(), view);
                for (int f : view.fieldNumbers()) {
                    if (f > 1) {
                        assertThat(view.string(f)).isNotNull();
                        response.echo(f);
                    }
                }
                ByteBuf out = dialect.write(response, UnpooledByteBufAllocator.DEFAULT);
                try {
                    assertThat(out.readableBytes()).isPositive();
                } finally {
                    out.release();
                }
            } catch (Throwable t) {
                fail(report(dialect, seed, m, t) + " (after a successful read)", t);
            }
            cases++;
        } while (cases < MIN_CASES || System.nanoTime() < deadline);
        System.out.printf("engine fuzz %s: %d cases from seed %d, %d still read%n", dialect, cases, base, read);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void mutatedFramesThroughTheNettyDecodersReleaseEveryBuffer(Dialect dialect) {
        Mutator mutator = mutator(dialect);
        long deadline = System.nanoTime() + MILLIS / 2 * 1_000_000;
        long base = BASE_SEED ^ ~dialect.name().hashCode();
        int cases = 0;
        do {
            long seed = base + cases;
            Random random = new Random(seed);
            Mutator.Mutant m = mutator.next(random);
            int announced = switch (random.nextInt(4)) {
                case 0 -> m.body().length + 1 + random.nextInt(8);     // longer than what follows
                case 1 -> Math.max(0, m.body().length - 1 - random.nextInt(8)); // shorter: the rest is a next frame
                case 2 -> random.nextInt(dialect.lengthHeader().maxValue() + 1); // anything
                default -> m.body().length;
            };
            EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(dialect.lengthHeader(), 8192),
                    new ViewDecoder(dialect));
            ByteBuf in = PooledByteBufAllocator.DEFAULT.buffer();
            try {
                dialect.lengthHeader().write(in, announced);
                in.writeBytes(m.body());
                try {
                    ch.writeInbound(in);
                } catch (FrameTooLongException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
                for (Object out; (out = ch.readInbound()) != null; ) {
                    assertThat(out).isInstanceOfAny(MessageView.class, DecodeFailure.class);
                }
                ch.finishAndReleaseAll();
                assertThat(in.refCnt()).as("input buffer released").isZero();
            } catch (Throwable t) {
                fail(report(dialect, seed, m, t) + " announced length " + announced, t);
            }
            cases++;
        } while (cases < MIN_CASES || System.nanoTime() < deadline);
        System.out.printf("netty fuzz %s: %d cases from seed %d%n", dialect, cases, base);
    }

    private static Mutator mutator(Dialect dialect) {
        List<byte[]> bodies = GoldenVectors.of(dialect.name()).stream().map(GoldenVector::body).toList();
        assertThat(bodies).as("golden vectors for " + dialect).isNotEmpty();
        return new Mutator(dialect, bodies);
    }

    private static String report(Dialect dialect, long seed, Mutator.Mutant m, Throwable t) {
        return "fuzz case failed: dialect " + dialect + ", case seed " + seed + " (new Random(seed) replays it),"
                + " mutation " + m.kind() + " " + m.how() + ", body " + HEX.formatHex(m.body()) + ": " + t;
    }
}
