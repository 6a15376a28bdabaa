package io.acqsim.codec.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The builder keeps echoed fields as bits and numbers without Strings: what goes on the wire must
 * be exactly what the same values set as text would give.
 */
class MessageBuilderTest {
    static Iterable<Dialect> dialects() {
        return Dialects.all();
    }

    private static String hex(Dialect d, MessageBuilder m) {
        ByteBuf out = d.write(m, UnpooledByteBufAllocator.DEFAULT);
        try {
            assertThat(out.readableBytes()).isEqualTo(d.frameLength(m));
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void numbersGoOnTheWireAsTheirZeroPaddedText(Dialect d) {
        String mti = d.is1993() ? "1210" : "0210";
        MessageBuilder numbers = d.message(mti, null);
        MessageBuilder texts = d.message(mti, null);
        // fixed numerics (even and odd lengths), a variable numeric, fixed text fields
        numbers.set(11, 42).set(12, 93_015).set(4, 1_050).set(2, 6_225_880_123_456_789L)
                .set(37, 1_234).set(38, 7);
        texts.set(11, "000042").set(12, d.layout().field(12).maxLength() == 6 ? "093015"
                        : "0".repeat(d.layout().field(12).maxLength() - 5) + "93015")
                .set(4, "000000001050").set(2, "6225880123456789").set(37, "000000001234").set(38, "000007");

        assertThat(hex(d, numbers)).isEqualTo(hex(d, texts));
        for (int f : new int[] {2, 4, 11, 12, 37, 38}) {
            assertThat(numbers.string(f)).as("DE%d", f).isEqualTo(texts.string(f));
            assertThat(numbers.number(f, -1)).as("DE%d", f).isEqualTo(texts.number(f, -1));
            assertThat(numbers.is(f, texts.string(f))).as("DE%d", f).isTrue();
            assertThat(numbers.bytes(f)).as("DE%d", f).isEqualTo(texts.bytes(f));
        }
        assertThat(numbers.fieldNumbers()).containsExactly(2, 4, 11, 12, 37, 38);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aNumberTooLongForItsFieldIsRefusedNamingTheField(Dialect d) {
        MessageBuilder m = d.message(d.is1993() ? "1210" : "0210", null);
        assertThatThrownBy(() -> m.set(11, 1_234_567)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field 11 takes exactly 6");
        assertThat(m.has(11)).isFalse();
        assertThatThrownBy(() -> m.set(11, -1)).hasMessageContaining("field 11 is numeric");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void echoedSetAndRemovedFieldsReplaceEachOther(Dialect d) throws Exception {
        String mti = d.is1993() ? "1200" : "0200";
        MessageBuilder req = d.message(mti, null).set(3, "000000").set(11, "000123").set(41, "TERM0001")
                .set(42, "MERCHANT0000001");
        ByteBuf frame = d.write(req, UnpooledByteBufAllocator.DEFAULT);
        frame.skipBytes(d.lengthHeader().size());
        MessageView view = d.read(ByteBufUtil.getBytes(frame));
        frame.release();

        MessageBuilder rsp = d.message(d.is1993() ? "1210" : "0210", view).echo(3, 11, 41, 42).set(39, "00");
        rsp.set(11, 99).set(41, "OTHER001");
        assertThat(rsp.string(11)).isEqualTo("000099");
        assertThat(rsp.string(41)).isEqualTo("OTHER001");
        MessageBuilder copy = rsp.copy();
        rsp.echo(11).remove(42).remove(3).echo(3);
        assertThat(rsp.string(11)).isEqualTo("000123");
        assertThat(rsp.number(11, -1)).isEqualTo(123);
        assertThat(rsp.has(42)).isFalse();
        assertThat(rsp.fieldNumbers()).containsExactly(3, 11, 39, 41);
        assertThat(copy.string(11)).isEqualTo("000099");
        assertThat(copy.string(42)).isEqualTo("MERCHANT0000001");
        assertThat(copy.fieldNumbers()).containsExactly(3, 11, 39, 41, 42);

        MessageBuilder same = d.message(d.is1993() ? "1210" : "0210", view).set(3, "000000").set(11, "000123")
                .set(39, "00").set(41, "OTHER001");
        assertThat(hex(d, rsp)).isEqualTo(hex(d, same));
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void repeatedValuesAreReadAsOneSharedString(Dialect d) throws Exception {
        MessageView a = view(d, "000001");
        MessageView b = view(d, "000002");

        assertThat(a.shared(41)).isEqualTo(a.string(41)).isEqualTo("TERM0042").isSameAs(b.shared(41));
        assertThat(a.shared(42)).isEqualTo("MERCHANT0000042").isSameAs(b.shared(42));
        assertThat(a.shared(41, 4, 8)).isEqualTo("0042").isSameAs(b.shared(41, 4, 8));
        assertThat(a.shared(11)).isEqualTo("000001");
        assertThat(b.shared(11)).isEqualTo("000002");
        assertThat(a.shared(37)).isNull();
        assertThat(a.shared(41, 0, 9)).isNull();
        assertThat(a.shared(new FieldRef(41, -1))).isSameAs(b.shared(41));
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aFrameTooBigToPackFieldPlacesInAnIntIsReadAlike(Dialect d) throws Exception {
        Layout layout = d.layout();
        MessageBuilder big = d.message(d.is1993() ? "1200" : "0200", null).set(11, "000001");
        int bytes = 0;
        for (int f = 2; f <= layout.maxField() && bytes <= MessageView.PACKED_FRAME; f++) {
            FieldSpec spec = layout.field(f);
            if (spec != null && !spec.isFixed() && spec.kind() == FieldKind.CHAR && spec.maxLength() >= 99
                    && layout.composite(f) == null) {
                big.set(f, String.valueOf((char) ('A' + f % 26)).repeat(spec.maxLength()));
                bytes += spec.maxLength();
            }
        }
        if (bytes <= MessageView.PACKED_FRAME) {
            return; // this layout cannot make a frame that big
        }
        // the layout alone: no length prefix could announce such a frame, the view must still read it
        ByteBuf frame = UnpooledByteBufAllocator.DEFAULT.heapBuffer(layout.encodedLength(big));
        layout.write(big, frame);
        byte[] body = ByteBufUtil.getBytes(frame);
        frame.release();
        MessageView v = layout.decode(body, 0);
        assertThat(body.length).isGreaterThan(MessageView.PACKED_FRAME);
        assertThat(v.complete()).isTrue();
        assertThat(v.fieldNumbers()).containsExactly(big.fieldNumbers());
        for (int f : big.fieldNumbers()) {
            assertThat(v.string(f)).as("DE%d", f).isEqualTo(big.string(f));
        }
        assertThat(v.number(11)).isEqualTo(1);
    }

    private static MessageView view(Dialect d, String stan) throws Exception {
        MessageBuilder req = d.message(d.is1993() ? "1200" : "0200", null).set(11, stan).set(41, "TERM0042")
                .set(42, "MERCHANT0000042");
        ByteBuf frame = d.write(req, UnpooledByteBufAllocator.DEFAULT);
        byte[] bytes = ByteBufUtil.getBytes(frame, d.lengthHeader().size(), frame.readableBytes() - d.lengthHeader().size());
        frame.release();
        MessageView v = d.read(Arrays.copyOf(bytes, bytes.length));
        return v;
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aResetBuilderWritesExactlyWhatAFreshOneWrites(Dialect d) throws Exception {
        String mti = d.is1993() ? "1200" : "0200";
        MessageView first = view(d, d.message(mti, null).set(3, "000000").set(11, "000123").set(41, "TERM0001"));
        MessageView second = view(d, d.message(mti, null).set(3, "000000").set(11, "000124").set(41, "TERM0002")
                .set(42, "MERCHANT0000001"));
        String rspMti = d.is1993() ? "1210" : "0210";

        MessageBuilder reused = d.message(rspMti, first).echo(3, 11, 41).set(37, 1_234).set(38, "ABC123")
                .set(39, "05").set(4, 1_050).set(2, "6225880123456789").echoTpdu(true);
        reused.reset(rspMti, second).echo(3, 11, 41, 42).set(37, 5_678).set(39, "00");
        MessageBuilder fresh = d.message(rspMti, second).echo(3, 11, 41, 42).set(37, 5_678).set(39, "00");

        assertThat(hex(d, reused)).isEqualTo(hex(d, fresh));
        assertThat(reused.source()).isSameAs(second);
        assertThat(reused.fieldNumbers()).containsExactly(3, 11, 37, 39, 41, 42);
        assertThat(reused.string(11)).isEqualTo("000124");
        assertThat(reused.has(38)).isFalse();
        assertThat(reused.has(4)).isFalse();
        assertThat(reused.echoTpdu()).isFalse();
    }

    private static MessageView view(Dialect d, MessageBuilder request) throws Exception {
        ByteBuf frame = d.write(request, UnpooledByteBufAllocator.DEFAULT);
        try {
            frame.skipBytes(d.lengthHeader().size());
            return d.read(ByteBufUtil.getBytes(frame));
        } finally {
            frame.release();
        }
    }
}
