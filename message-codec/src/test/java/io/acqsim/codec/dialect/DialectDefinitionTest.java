package io.acqsim.codec.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.framing.FrameMeasure;
import io.acqsim.codec.framing.Framing;
import io.acqsim.codec.framing.LengthHeader;
import io.acqsim.codec.golden.GoldenVector;
import io.acqsim.codec.golden.GoldenVectors;
import java.util.Arrays;
import java.util.HexFormat;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.ISO87APackager;
import org.junit.jupiter.api.Test;

/** Dialects built from parts (framing, layout, charset) the way a configuration declares them. */
class DialectDefinitionTest {
    @Test
    void ebcdicVariantOfTheAsciiLayoutEncodesTextInIbm1047() throws Exception {
        Dialect ebcdic = new Dialect("t", Framing.of(LengthHeader.BINARY2, false, ""),
                Layouts.inEbcdic(new ISO87APackager()), false, Dialect.V1987, TextCharset.EBCDIC, "iso87-ascii");
        GoldenVector sale = GoldenVectors.of("iso87-ascii", "0200-sale");

        byte[] body = ebcdic.encode(sale.toIsoFrame());

        // MTI 0200 in IBM-1047, then the 16 hex digits of the bitmap, also in EBCDIC
        assertThat(HexFormat.of().formatHex(body, 0, 4)).isEqualTo("f0f2f0f0");
        assertThat(GoldenVector.fieldsOf(ebcdic.decode(body))).containsExactlyEntriesOf(sale.fields());
    }

    @Test
    void shippedEbcdicLayoutIsTheEbcdicVariantWithABinaryBitmap() throws Exception {
        GoldenVector ascii = GoldenVectors.of("iso87-ascii", "0200-sale");
        GoldenVector ebcdic = GoldenVectors.of("iso87-ebcdic", "0200-sale");

        IsoFrame decoded = Dialects.ISO87_EBCDIC.decode(ebcdic.body());

        assertThat(GoldenVector.fieldsOf(decoded)).isEqualTo(ascii.fields());
        assertThat(ebcdic.body()[4]).as("binary bitmap, first byte").isEqualTo((byte) 0x72);
    }

    @Test
    void withoutALengthPrefixTheLayoutMeasuresTheMessage() throws Exception {
        Dialect none = new Dialect("raw", new Framing(LengthHeader.NONE, false, false, null), new ISO87APackager(),
                false, Dialect.V1987, TextCharset.ASCII, "iso87-ascii");
        byte[] body = GoldenVectors.of("iso87-ascii", "0200-sale").body();
        byte[] twoAndABit = Arrays.copyOf(body, body.length + 10);
        System.arraycopy(body, 0, twoAndABit, body.length, 10);

        assertThat(none.measure(body, body.length)).isEqualTo(body.length);
        assertThat(none.measure(twoAndABit, twoAndABit.length)).isEqualTo(body.length);
        assertThat(none.measure(body, body.length - 1)).isEqualTo(FrameMeasure.INCOMPLETE);
        assertThat(none.measure(body, 3)).isEqualTo(FrameMeasure.INCOMPLETE);
    }

    @Test
    void aFixedHeaderIsReadEchoedAndWrittenFromTheDefinitionWhenTheFrameHasNone() throws Exception {
        Dialect headed = new Dialect("h", Framing.of(LengthHeader.BINARY4, false, "4848"), new ISO87APackager(),
                false, Dialect.V1987, TextCharset.ASCII, "iso87-ascii");
        ISOMsg m = new ISOMsg("0800");
        m.set(11, "000001");
        m.set(70, "301");

        byte[] body = headed.encode(IsoFrame.of(m));

        assertThat(HexFormat.of().formatHex(body, 0, 6)).isEqualTo("484830383030");
        IsoFrame back = headed.decode(body);
        assertThat(back.header().toString()).isEqualTo("4848");
        assertThat(back.msg().getString(70)).isEqualTo("301");
    }
}
