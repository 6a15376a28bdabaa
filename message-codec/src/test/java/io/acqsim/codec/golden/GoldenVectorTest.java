package io.acqsim.codec.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.IsoMessageDecoder;
import io.acqsim.codec.IsoMessageEncoder;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.framing.FrameDecoder;
import io.acqsim.codec.mac.CupEcbMac;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.codec.layout.MessageView;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The wire contract: every golden vector decodes to exactly its fields and encodes to exactly its bytes. */
class GoldenVectorTest {
    /** The MAK under which every cup-pos vector's DE64 was computed (see the .fields comments). */
    static final byte[] GOLDEN_MAK = HexFormat.of().parseHex("0123456789ABCDEF");

    static List<GoldenVector> vectors() {
        return GoldenVectors.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodingTheBodyGivesExactlyTheFields(GoldenVector v) throws Exception {
        IsoFrame frame = v.codec().decode(v.body());

        assertThat(GoldenVector.fieldsOf(frame)).containsExactlyEntriesOf(v.fields());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theLayoutEngineReadsExactlyTheFields(GoldenVector v) throws Exception {
        MessageView view = v.codec().read(v.body());

        assertThat(GoldenVector.fieldsOf(view)).containsExactlyEntriesOf(v.fields());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theLayoutEngineWritesExactlyTheFrame(GoldenVector v) throws Exception {
        MessageView view = v.codec().read(v.body());
        MessageBuilder echoed = v.codec().message(view.mti(), view).echoTpdu(true);
        for (int f : view.fieldNumbers()) {
            echoed.echo(f);
        }

        for (MessageBuilder m : List.of(echoed, v.toMessage())) {
            ByteBuf out = v.codec().write(m, UnpooledByteBufAllocator.DEFAULT);
            try {
                assertThat(ByteBufUtil.hexDump(out)).isEqualTo(ByteBufUtil.hexDump(v.frame()));
                assertThat(out.capacity()).isEqualTo(v.frame().length);
            } finally {
                out.release();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encodingTheFieldsGivesExactlyTheBody(GoldenVector v) throws Exception {
        assertThat(HexFormat.of().formatHex(v.codec().encode(v.toIsoFrame())))
                .isEqualTo(HexFormat.of().formatHex(v.body()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encoderHandlerWritesTheCompleteFrameWithItsLengthPrefix(GoldenVector v) {
        EmbeddedChannel channel = new EmbeddedChannel(new IsoMessageEncoder(v.codec()));

        assertThat(channel.writeOutbound(v.toIsoFrame())).isTrue();
        ByteBuf out = channel.readOutbound();
        try {
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo(ByteBufUtil.hexDump(v.frame()));
        } finally {
            out.release();
        }
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void framePipelineDecodesTheCompleteFrame(GoldenVector v) {
        EmbeddedChannel channel = decodingPipeline(v.codec());

        assertThat(channel.writeInbound(Unpooled.wrappedBuffer(v.frame()))).isTrue();
        IsoFrame frame = channel.readInbound();

        assertThat(GoldenVector.fieldsOf(frame)).containsExactlyEntriesOf(v.fields());
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void framePipelineDecodesAFrameArrivingOneByteAtATime(GoldenVector v) {
        EmbeddedChannel channel = decodingPipeline(v.codec());
        byte[] bytes = v.frame();

        for (int i = 0; i < bytes.length - 1; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, i, 1));
            assertThat((Object) channel.readInbound()).as("message before byte %d of %d", i + 1, bytes.length).isNull();
        }
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, bytes.length - 1, 1));
        IsoFrame frame = channel.readInbound();

        assertThat(GoldenVector.fieldsOf(frame)).containsExactlyEntriesOf(v.fields());
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    static Stream<GoldenVector> vectorsWithMac() {
        return GoldenVectors.all().stream().filter(v -> v.fields().containsKey("64"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorsWithMac")
    void cupMacIsTheEcbMacOfMtiThroughTheFieldBeforeDe64(GoldenVector v) {
        byte[] body = v.body();
        byte[] mab = Arrays.copyOfRange(body, v.codec().envelopeLength(), body.length - 8);

        assertThat(CupEcbMac.INSTANCE.mac(GOLDEN_MAK, mab))
                .isEqualTo(Arrays.copyOfRange(body, body.length - 8, body.length));
    }

    @Test
    void everyDialectHasTheSixCoreMessages() {
        for (String dialect : List.of("iso87-ascii", "iso87-binary", "cup-pos")) {
            assertThat(GoldenVectors.of(dialect)).extracting(GoldenVector::mti)
                    .contains("0800", "0810", "0200", "0210", "0400", "0410");
        }
    }

    @Test
    void indexListsEveryVectorFileAndEveryListedVectorHasBothFiles() throws IOException, URISyntaxException {
        URL index = getClass().getClassLoader().getResource(GoldenVectors.INDEX);
        assertThat(index).isNotNull();
        Path root = Path.of(index.toURI()).getParent();
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(root)) {
            onDisk = files.filter(p -> p.toString().endsWith(".hex") || p.toString().endsWith(".fields"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/').replaceAll("\\.(hex|fields)$", ""))
                    .distinct().sorted().toList();
        }
        List<String> listed = GoldenVectors.all().stream().map(GoldenVector::toString).sorted().toList();

        assertThat(listed).containsExactlyElementsOf(onDisk);
    }

    @Test
    void hexReaderIgnoresWhitespaceAndCommentsToTheEndOfTheLine() {
        assertThat(GoldenVector.parseHex("# title\n00 0A  # prefix\n\t6000\r\n0300 00 # tpdu\n"))
                .containsExactly(0x00, 0x0A, 0x60, 0x00, 0x03, 0x00, 0x00);
    }

    @Test
    void realFrameVectorKeepsTheTerminalsTpduAndHeaderBytes() {
        GoldenVector v = GoldenVectors.of("cup-pos", "0200-sale-real-frame");

        assertThat(HexFormat.of().formatHex(v.frame(), 0, 15)).isEqualTo("0080" + "6000060000" + "603100311003" + "0200");
    }

    private static EmbeddedChannel decodingPipeline(Dialect dialect) {
        return new EmbeddedChannel(new FrameDecoder(dialect.lengthHeader(), 8192), new IsoMessageDecoder(dialect));
    }
}
