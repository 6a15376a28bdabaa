package io.acqsim.codec.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private EmbeddedChannel channel;

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void frameSplitAcrossReadsIsDeliveredOnceComplete() {
        channel = new EmbeddedChannel(new FrameDecoder(LengthHeader.BINARY2, 100));

        channel.writeInbound(buf("00 05 01 02"));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(buf("03 04"));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(buf("05"));

        assertThat(readHex()).isEqualTo("0102030405");
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void severalFramesInOneReadAreDeliveredInOrder() {
        channel = new EmbeddedChannel(new FrameDecoder(LengthHeader.BINARY2, 100));

        channel.writeInbound(buf("00 02 0A 0B  00 01 0C  00 03 0D 0E"));

        assertThat(readHex()).isEqualTo("0a0b");
        assertThat(readHex()).isEqualTo("0c");
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(buf("0F"));
        assertThat(readHex()).isEqualTo("0d0e0f");
    }

    @Test
    void oversizedLengthIsRejectedBeforeBodyIsBuffered() {
        channel = new EmbeddedChannel(new FrameDecoder(LengthHeader.BINARY2, 100));

        assertThatThrownBy(() -> channel.writeInbound(buf("00 65")))
                .isInstanceOf(FrameTooLongException.class)
                .hasMessageContaining("101").hasMessageContaining("100");
    }

    @Test
    void bytesAfterARejectedPrefixAreDiscarded() {
        channel = new EmbeddedChannel(new FrameDecoder(LengthHeader.BINARY2, 100));
        assertThatThrownBy(() -> channel.writeInbound(buf("FF FF 00 01 AA"))).isInstanceOf(FrameTooLongException.class);

        channel.writeInbound(buf("00 01 BB"));

        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void lengthEqualToTheMaximumIsAccepted() {
        channel = new EmbeddedChannel(new FrameDecoder(LengthHeader.BINARY2, 3));

        channel.writeInbound(buf("00 03 01 02 03"));

        assertThat(readHex()).isEqualTo("010203");
    }

    @Test
    void asciiPrefixCountsDecimalDigits() {
        channel = new EmbeddedChannel(new FrameDecoder(LengthHeader.ASCII4, 100));

        channel.writeInbound(Unpooled.copiedBuffer("0012" + "0200ABCDEFGH", StandardCharsets.US_ASCII));

        assertThat(channel.<ByteBuf>readInbound()).satisfies(b -> {
            try {
                assertThat(b.toString(StandardCharsets.US_ASCII)).isEqualTo("0200ABCDEFGH");
            } finally {
                b.release();
            }
        });
    }

    @Test
    void malformedAsciiPrefixIsRejected() {
        channel = new EmbeddedChannel(new FrameDecoder(LengthHeader.ASCII4, 100));

        assertThatThrownBy(() -> channel.writeInbound(Unpooled.copiedBuffer("00A5xxxxx", StandardCharsets.US_ASCII)))
                .isInstanceOf(FrameTooLongException.class).hasMessageContaining("malformed");
    }

    @Test
    void bcdPrefixIsReadAsDecimal() {
        channel = new EmbeddedChannel(new FrameDecoder(LengthHeader.BCD2, 200));
        byte[] body = new byte[102];
        body[101] = 0x7F;
        ByteBuf frame = Unpooled.buffer().writeBytes(HexFormat.of().parseHex("0102")).writeBytes(body);

        channel.writeInbound(frame);

        ByteBuf out = channel.readInbound();
        try {
            assertThat(out.readableBytes()).isEqualTo(102);
            assertThat(out.getByte(101)).isEqualTo((byte) 0x7F);
        } finally {
            out.release();
        }
    }

    @Test
    void malformedBcdPrefixIsRejected() {
        channel = new EmbeddedChannel(new FrameDecoder(LengthHeader.BCD2, 200));

        assertThatThrownBy(() -> channel.writeInbound(buf("0A 00")))
                .isInstanceOf(FrameTooLongException.class).hasMessageContaining("malformed");
    }

    @Test
    void binary4LengthFramesTheBody() {
        channel = new EmbeddedChannel(new FrameDecoder(new Framing(LengthHeader.BINARY4, false, false, null), 100,
                null));

        channel.writeInbound(buf("00 00 00 03 0A 0B 0C  00 00"));

        assertThat(readHex()).isEqualTo("0a0b0c");
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void lengthThatCountsItselfLeavesItsOwnBytesOut() {
        Framing framing = new Framing(LengthHeader.BINARY2, true, false, null);
        channel = new EmbeddedChannel(new FrameDecoder(framing, 100, null));

        channel.writeInbound(buf("00 05 0A 0B 0C"));

        assertThat(readHex()).isEqualTo("0a0b0c");
        EmbeddedChannel out = new EmbeddedChannel(new FrameEncoder(framing));
        out.writeOutbound(buf("0A 0B 0C"));
        ByteBuf written = out.readOutbound();
        assertThat(ByteBufUtil.hexDump(written)).isEqualTo("00050a0b0c");
        written.release();
        out.finishAndReleaseAll();
    }

    @Test
    void ascii4CountingItselfReadsTheBodyLengthMinusFour() {
        channel = new EmbeddedChannel(new FrameDecoder(new Framing(LengthHeader.ASCII4, true, false, null), 100,
                null));

        channel.writeInbound(Unpooled.wrappedBuffer("0006AB0007".getBytes(StandardCharsets.US_ASCII)));

        assertThat(readHex()).isEqualTo("4142");
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void lengthCountingItselfBelowItsOwnSizeIsMalformed() {
        channel = new EmbeddedChannel(new FrameDecoder(new Framing(LengthHeader.BINARY2, true, false, null), 100,
                null));

        assertThatThrownBy(() -> channel.writeInbound(buf("00 01")))
                .isInstanceOf(FrameTooLongException.class).hasMessageContaining("malformed");
    }

    @Test
    void withoutALengthPrefixTheMeasureSplitsTheStream() {
        // a toy layout: each message is one length byte and that many bytes
        FrameMeasure measure = (bytes, length) -> length == 0 ? FrameMeasure.INCOMPLETE
                : bytes[0] == 0 ? FrameMeasure.MALFORMED
                : length > bytes[0] ? bytes[0] + 1 : FrameMeasure.INCOMPLETE;
        channel = new EmbeddedChannel(new FrameDecoder(new Framing(LengthHeader.NONE, false, false, null), 10,
                measure));

        channel.writeInbound(buf("02 0A"));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(buf("0B 01 0C 03"));

        assertThat(readHex()).isEqualTo("020a0b");
        assertThat(readHex()).isEqualTo("010c");
        assertThat((Object) channel.readInbound()).isNull();
        assertThatThrownBy(() -> channel.writeInbound(buf("0D 0E 0F 00")))
                .isInstanceOf(FrameTooLongException.class);
    }

    @Test
    void lengthHeadersWriteWhatTheyRead() {
        for (LengthHeader header : LengthHeader.values()) {
            if (header == LengthHeader.NONE) {
                continue;
            }
            ByteBuf b = Unpooled.buffer();
            try {
                header.write(b, 1234);
                assertThat(b.readableBytes()).as("%s size", header).isEqualTo(header.size());
                assertThat(header.read(b, 0)).as("%s value", header).isEqualTo(1234);
            } finally {
                b.release();
            }
        }
    }

    @Test
    void frameEncoderRefusesABodyTooLongForItsPrefix() {
        channel = new EmbeddedChannel(new FrameEncoder(LengthHeader.ASCII4));

        assertThatThrownBy(() -> channel.writeOutbound(Unpooled.wrappedBuffer(new byte[10_000])))
                .hasMessageContaining("10000");
    }

    @Test
    void frameEncoderWritesThePrefixInFrontOfTheBody() {
        channel = new EmbeddedChannel(new FrameEncoder(LengthHeader.BCD2));

        channel.writeOutbound(buf("AA BB CC"));

        ByteBuf out = channel.readOutbound();
        try {
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo("0003aabbcc");
        } finally {
            out.release();
        }
    }

    private String readHex() {
        ByteBuf b = channel.readInbound();
        assertThat(b).isNotNull();
        try {
            return ByteBufUtil.hexDump(b);
        } finally {
            b.release();
        }
    }

    private static ByteBuf buf(String hex) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", "")));
    }
}
