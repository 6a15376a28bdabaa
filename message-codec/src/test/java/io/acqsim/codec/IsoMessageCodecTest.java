package io.acqsim.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.codec.dialect.CupPos;
import io.acqsim.codec.dialect.Iso87Ascii;
import io.acqsim.codec.golden.GoldenVector;
import io.acqsim.codec.golden.GoldenVectors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IsoMessageCodecTest {
    @Test
    void decoderTurnsABadBodyIntoADecodeFailureWithTheRawBytes() {
        EmbeddedChannel channel = new EmbeddedChannel(new IsoMessageDecoder(CupPos.INSTANCE));
        byte[] body = Arrays.copyOf(GoldenVectors.of("cup-pos", "0200-sale").body(), 40);
        ByteBuf in = Unpooled.wrappedBuffer(body);

        channel.writeInbound(in);
        DecodeFailure failure = channel.readInbound();

        assertThat(failure.frame()).isEqualTo(body);
        assertThat(failure.error().field()).isEqualTo(4);
        assertThat(failure.error().partial().getString(3)).isEqualTo("000000");
        assertThat(in.refCnt()).as("input released").isZero();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void decoderReleasesTheBodyItDecoded() {
        EmbeddedChannel channel = new EmbeddedChannel(new IsoMessageDecoder(CupPos.INSTANCE));
        ByteBuf in = Unpooled.wrappedBuffer(GoldenVectors.of("cup-pos", "0800-sign-on").body());

        channel.writeInbound(in);
        IsoFrame frame = channel.readInbound();

        assertThat(frame.msg().getString(60)).isEqualTo("00000001003");
        assertThat(in.refCnt()).isZero();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void encoderPassesAlreadyFramedBytesThroughUntouched() {
        EmbeddedChannel channel = new EmbeddedChannel(new IsoMessageEncoder(CupPos.INSTANCE));

        channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        ByteBuf out = channel.readOutbound();

        try {
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo("010203");
        } finally {
            out.release();
        }
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void encoderFailureNamesTheMissingEnvelope() {
        EmbeddedChannel channel = new EmbeddedChannel(new IsoMessageEncoder(CupPos.INSTANCE));
        IsoFrame noEnvelope = IsoFrame.of(GoldenVectors.of("cup-pos", "0200-sale").toIsoFrame().msg());

        assertThatThrownBy(() -> channel.writeOutbound(noEnvelope))
                .isInstanceOf(EncoderException.class).hasMessageContaining("needs a TPDU");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void encoderRefusesAMessageTooLongForTheLengthPrefix() {
        EmbeddedChannel channel = new EmbeddedChannel(new IsoMessageEncoder(Iso87Ascii.INSTANCE));
        IsoFrame frame = GoldenVectors.of("iso87-ascii", "0200-sale").toIsoFrame();
        for (int field = 111; field <= 127; field++) {
            frame.msg().set(field, "x".repeat(999));
        }

        assertThatThrownBy(() -> channel.writeOutbound(frame))
                .isInstanceOf(EncoderException.class).hasMessageContaining("does not fit");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void responseKeepsTheRequestEnvelopeThroughWith() throws Exception {
        GoldenVector sale = GoldenVectors.of("cup-pos", "0200-sale");
        IsoFrame request = CupPos.INSTANCE.decode(sale.body());

        IsoFrame response = request.with(GoldenVectors.of("cup-pos", "0210-sale").toIsoFrame().msg());

        assertThat(response.tpdu()).isEqualTo(request.tpdu());
        assertThat(response.header()).isEqualTo(request.header());
        assertThat(response.tpdu().swapped().toString()).isEqualTo("60 0000 0003");
    }
}
