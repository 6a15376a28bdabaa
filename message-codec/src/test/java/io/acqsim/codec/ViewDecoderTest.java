package io.acqsim.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.codec.layout.MessageView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A connection's decoder reads the next frame into the view its request handler handed back, and
 * only into that one: a view read again must give exactly what a fresh decode of the same frame
 * gives, and a view not handed back is never touched again.
 */
class ViewDecoderTest {
    static Iterable<Dialect> dialects() {
        return Dialects.all();
    }

    private static byte[] body(Dialect d, String stan, String terminal, String pan) {
        MessageBuilder m = d.message(d.is1993() ? "1200" : "0200", null).set(3, "000000").set(4, "000000001050")
                .set(11, stan).set(41, terminal);
        if (pan != null) {
            m.set(2, pan);
        }
        ByteBuf frame = d.write(m, UnpooledByteBufAllocator.DEFAULT);
        try {
            frame.skipBytes(d.lengthHeader().size());
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }

    private static MessageView decode(EmbeddedChannel ch, byte[] body) {
        ch.writeInbound(Unpooled.wrappedBuffer(body));
        return ch.readInbound();
    }

    private static void assertSameAsFresh(Dialect d, MessageView view, byte[] body) throws CodecException {
        MessageView fresh = d.read(body.clone());
        assertThat(view.fieldNumbers()).containsExactly(fresh.fieldNumbers());
        assertThat(view.mti()).isEqualTo(fresh.mti());
        assertThat(view.complete()).isTrue();
        for (int f : fresh.fieldNumbers()) {
            assertThat(view.string(f)).as("DE%d", f).isEqualTo(fresh.string(f));
            assertThat(view.wireStart(f)).as("DE%d start", f).isEqualTo(fresh.wireStart(f));
        }
        assertThat(view.frame()).isEqualTo(body);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aHandedBackViewIsReadAgainAndGivesWhatAFreshDecodeGives(Dialect d) throws Exception {
        ViewDecoder decoder = new ViewDecoder(d);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        byte[] first = body(d, "000001", "TERM0001", "6225880123456789");
        byte[] sameLength = body(d, "000002", "TERM0002", "6225880123456780");
        byte[] otherShape = body(d, "000003", "TERM0003", null);

        MessageView a = decode(ch, first);
        byte[] aFrame = a.frame();
        decoder.recycle(a);
        MessageView b = decode(ch, sameLength);
        assertThat(b).isSameAs(a);
        assertThat(b.frame()).isSameAs(aFrame);
        assertSameAsFresh(d, b, sameLength);

        decoder.recycle(b);
        MessageView c = decode(ch, otherShape); // fewer fields, shorter frame: same view, its own bytes
        assertThat(c).isSameAs(a);
        assertThat(c.has(2)).isFalse();
        assertSameAsFresh(d, c, otherShape);
        ch.finishAndReleaseAll();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aViewNotHandedBackKeepsItsMessage(Dialect d) throws Exception {
        ViewDecoder decoder = new ViewDecoder(d);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        byte[] first = body(d, "000001", "TERM0001", "6225880123456789");
        byte[] second = body(d, "000002", "TERM0002", "6225880123456780");

        MessageView kept = decode(ch, first);
        decoder.recycle(kept);
        MessageView reused = decode(ch, second); // takes the handed-back view, which is not handed back again
        MessageView next = decode(ch, first);

        assertThat(next).isNotSameAs(reused);
        assertThat(reused.string(11)).isEqualTo("000002");
        assertThat(reused.string(41)).isEqualTo("TERM0002");
        assertSameAsFresh(d, next, first);
        ch.finishAndReleaseAll();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aFrameThatFailsToDecodeIntoAHandedBackViewIsAFailureWithItsOwnBytes(Dialect d) throws Exception {
        ViewDecoder decoder = new ViewDecoder(d);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        byte[] good = body(d, "000001", "TERM0001", "6225880123456789");
        MessageView a = decode(ch, good);
        decoder.recycle(a);
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);

        ch.writeInbound(Unpooled.wrappedBuffer(truncated));
        Object out = ch.readInbound();
        assertThat(out).isInstanceOf(DecodeFailure.class);
        assertThat(((DecodeFailure) out).frame()).isEqualTo(truncated);
        MessageView after = decode(ch, good); // the failure kept the view: the next frame gets a new one
        assertThat(after).isNotSameAs(a);
        assertSameAsFresh(d, after, good);
        ch.finishAndReleaseAll();
    }
}
