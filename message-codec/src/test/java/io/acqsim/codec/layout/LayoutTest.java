package io.acqsim.codec.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.codec.CodecException;
import io.acqsim.codec.dialect.Iso87Ascii;
import io.acqsim.codec.dialect.Iso87Binary;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.jpos.iso.IFA_LLABINARY;
import org.jpos.iso.IFA_NUMERIC;
import org.jpos.iso.IFB_BITMAP;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOFieldPackager;
import org.junit.jupiter.api.Test;

class LayoutTest {
    private static final Layout ASCII = Iso87Ascii.INSTANCE.layout();

    @Test
    void unsupportedFieldPackagerIsAnErrorNamingTheFieldAndTheClass() {
        ISOBasePackager p = new ISOBasePackager() {
        };
        ISOFieldPackager[] f = new ISOFieldPackager[65];
        f[0] = new IFA_NUMERIC(4, "MTI");
        f[1] = new IFB_BITMAP(8, "bitmap");
        f[47] = new IFA_LLABINARY(20, "odd one");
        p.setFieldPackager(f);

        assertThatThrownBy(() -> PackagerLayout.of("my-host", p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("my-host: field 47 uses org.jpos.iso.IFA_LLABINARY");
    }

    @Test
    void fieldsReadBeforeADecodeFailureStayReadable() {
        // 0200 with DE3, DE11, DE41 and a DE42 cut short
        String body = "0200" + "2020000000C00000" + "000000" + "000123" + "TERM0001" + "MERCH";
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> ASCII.decode(bytes, 0))
                .isInstanceOfSatisfying(CodecException.class, e -> {
                    assertThat(e.field()).isEqualTo(42);
                    assertThat(e.offset()).isEqualTo(4 + 16 + 6 + 6 + 8);
                    assertThat(e.getMessage()).contains("field 42 at offset 40: field runs past the end");
                    MessageView partial = e.partialView();
                    assertThat(partial.mti()).isEqualTo("0200");
                    assertThat(partial.number(11)).isEqualTo(123);
                    assertThat(partial.string(41)).isEqualTo("TERM0001");
                    assertThat(partial.has(42)).isFalse();
                    assertThat(partial.complete()).isFalse();
                });
    }

    @Test
    void responseCopiesEchoedFieldsAndSwapsTheTpduInOneBuffer() throws Exception {
        var d = Iso87Binary.INSTANCE;
        // TPDU 60 0006 0000, MTI 0200, bitmap with DE3, DE4, DE11, DE41
        byte[] req = java.util.HexFormat.of().parseHex("6000060000" + "0200" + "3020000000800000"
                + "000000" + "000000001050" + "000042" + "5445524d30303031");
        MessageView view = d.read(req);
        assertThat(view.number(4)).isEqualTo(1050);
        assertThat(view.is(41, "TERM0001")).isTrue();

        MessageBuilder rsp = d.message("0210", view).echo(3, 4, 11, 41).set(39, "00");
        ByteBuf out = d.write(rsp, UnpooledByteBufAllocator.DEFAULT);

        assertThat(out.readableBytes()).isEqualTo(d.frameLength(rsp)).isEqualTo(out.capacity());
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("0025" + "6000000006" + "0210" + "3020000002800000"
                + "000000" + "000000001050" + "000042" + "3030" + "5445524d30303031");
        out.release();
    }

    @Test
    void valuesAreCheckedWhenSetNamingTheField() {
        MessageBuilder m = new MessageBuilder(ASCII, "0210", null);

        assertThatThrownBy(() -> m.set(4, "12AB")).hasMessageContaining("field 4 is numeric");
        assertThatThrownBy(() -> m.set(39, "000")).hasMessageContaining("field 39 takes exactly 2");
        assertThatThrownBy(() -> m.set(5000, "1")).hasMessageContaining("field 5000 is not defined");
        assertThat(m.set(11, 42).string(11)).isEqualTo("000042");
        assertThat(m.set(41, "T1").string(41)).isEqualTo("T1      ");
    }
}
