package io.acqsim.codec.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.acqsim.codec.CodecException;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.golden.GoldenVector;
import io.acqsim.codec.golden.GoldenVectors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Offsets are within the frame body (after the length prefix); see the annotated .hex files. */
class DialectDecodeErrorTest {
    private static final GoldenVector CUP_SALE = GoldenVectors.of("cup-pos", "0200-sale");
    /** cup-pos 0200-sale: 11 envelope, MTI 2, bitmap 8, DE2 11, DE3 3, DE4 6, DE11 3, DE14 2, DE22 2, DE25 1. */
    private static final int CUP_SALE_DE35 = 11 + 2 + 8 + 11 + 3 + 6 + 3 + 2 + 2 + 1;
    private static final int CUP_SALE_DE49 = CUP_SALE_DE35 + 19 + 8 + 15;

    @Test
    void truncatedFrameNamesTheFieldThatRanOutAndWhereItStarts() {
        byte[] body = Arrays.copyOf(CUP_SALE.body(), CUP_SALE_DE35 + 5);

        CodecException e = decodeFailure(CupPos.INSTANCE, body);

        assertThat(e.field()).isEqualTo(35);
        assertThat(e.offset()).isEqualTo(CUP_SALE_DE35);
        assertThat(e.getMessage()).startsWith("field 35 at offset " + CUP_SALE_DE35)
                .contains("runs past the end").contains("|FFFFFF8801]"); // the PAN's digits masked
        assertThat(e.partial().getString(11)).isEqualTo("000002");
        assertThat(e.partial().hasField(35)).isFalse();
    }

    @Test
    void bytesAroundTheFailureAreMaskedWhenTheyMayBeAPan() {
        byte[] body = GoldenVectors.of("iso87-ascii", "0200-sale").body();
        int de3 = 4 + 16 + 2 + 16; // MTI, bitmap, DE2 length "16", PAN 4761739001010010
        body[de3] = 'X';

        CodecException e = decodeFailure(Iso87Ascii.INSTANCE, body);

        assertThat(e.field()).isEqualTo(3);
        // The 8 bytes before the failure are the PAN's last 8 digits "01010010": shown masked.
        assertThat(e.getMessage()).contains("[2A2A2A2A").doesNotContain("3031303130303130")
                .doesNotContain("01010010");
    }

    @Test
    void breakAfterDe11AndDe41KeepsThemReadable() throws Exception {
        byte[] body = Arrays.copyOf(CUP_SALE.body(), CUP_SALE_DE49 + 1);

        CodecException e = decodeFailure(CupPos.INSTANCE, body);

        assertThat(e.field()).isEqualTo(49);
        assertThat(e.partial().getMTI()).isEqualTo("0200");
        assertThat(e.partial().getString(11)).isEqualTo("000002");
        assertThat(e.partial().getString(41)).isEqualTo("10000001");
        assertThat(e.envelope().header().toString()).isEqualTo("603100311001");
    }

    @Test
    void frameEndingRightAfterAFieldNamesTheNextOne() {
        byte[] body = Arrays.copyOf(CUP_SALE.body(), CUP_SALE_DE49);

        CodecException e = decodeFailure(CupPos.INSTANCE, body);

        assertThat(e.field()).isEqualTo(49);
        assertThat(e.offset()).isEqualTo(CUP_SALE_DE49);
        assertThat(e.getMessage()).contains("ends before the field").contains("<end>");
    }

    @Test
    void nonDigitMtiIsReportedAsField0WithoutAPartialMessage() {
        byte[] body = GoldenVectors.of("iso87-ascii", "0200-sale").body();
        body[2] = 'X';

        CodecException e = decodeFailure(Iso87Ascii.INSTANCE, body);

        assertThat(e.field()).isEqualTo(0);
        assertThat(e.offset()).isEqualTo(0);
        assertThat(e.getMessage()).contains("02X0");
        assertThat(e.partial()).isNull();
    }

    @Test
    void bcdMtiWithAHexNibbleIsRejected() {
        byte[] body = GoldenVectors.of("iso87-binary", "0200-sale").body();
        body[5] = 0x0A;

        CodecException e = decodeFailure(Iso87Binary.INSTANCE, body);

        assertThat(e.field()).isEqualTo(0);
        assertThat(e.offset()).isEqualTo(5);
    }

    @Test
    void fieldUndefinedInTheLayoutIsNamedWhereItWouldStart() {
        byte[] body = CUP_SALE.body();
        body[13] |= 0x08; // bit 5: not part of the CUP layout

        CodecException e = decodeFailure(CupPos.INSTANCE, body);

        assertThat(e.field()).isEqualTo(5);
        assertThat(e.offset()).isEqualTo(11 + 2 + 8 + 11 + 3 + 6);
        assertThat(e.getMessage()).contains("not defined in the cup-pos layout");
        assertThat(e.partial().getString(4)).isEqualTo("000000001050");
    }

    @Test
    void secondaryBitmapFlagOnALayoutWithoutOneIsABitmapError() {
        byte[] body = CUP_SALE.body();
        body[13] |= (byte) 0x80;

        CodecException e = decodeFailure(CupPos.INSTANCE, body);

        assertThat(e.field()).isEqualTo(1);
        assertThat(e.offset()).isEqualTo(13);
    }

    @Test
    void trailingBytesAreAnEnvelopeErrorAfterTheLastField() {
        byte[] golden = CUP_SALE.body();
        byte[] body = Arrays.copyOf(golden, golden.length + 2);

        CodecException e = decodeFailure(CupPos.INSTANCE, body);

        assertThat(e.field()).isEqualTo(-1);
        assertThat(e.offset()).isEqualTo(golden.length);
        assertThat(e.getMessage()).contains("2 bytes left over");
        assertThat(e.partial().hasField(64)).isTrue();
    }

    @Test
    void bodyShorterThanTheEnvelopeIsAnEnvelopeError() {
        CodecException e = decodeFailure(CupPos.INSTANCE, new byte[] {0x60, 0x00, 0x03});

        assertThat(e.field()).isEqualTo(-1);
        assertThat(e.offset()).isEqualTo(0);
        assertThat(e.envelope()).isNull();
        assertThat(e.partial()).isNull();
    }

    @Test
    void hexNibbleInABcdNumericFieldIsAFormatError() {
        byte[] body = CUP_SALE.body();
        int de3 = 11 + 2 + 8 + 11;
        body[de3 + 2] = 0x0B;

        CodecException e = decodeFailure(CupPos.INSTANCE, body);

        assertThat(e.field()).isEqualTo(3);
        assertThat(e.offset()).isEqualTo(de3);
        assertThat(e.partial().getString(2)).isEqualTo("6225880123456789012");
    }

    @Test
    void trackSeparatorIsAcceptedInTrackData() throws CodecException {
        IsoFrame frame = CupPos.INSTANCE.decode(CUP_SALE.body());

        assertThat(frame.msg().getString(35)).isEqualTo("6225880123456789012=301220100000000");
    }

    @Test
    void encodingAValueTooLongForItsFieldNamesTheField() {
        IsoFrame frame = CUP_SALE.toIsoFrame();
        frame.msg().set(41, "123456789");

        CodecException e = catchThrowableOfType(CodecException.class, () -> CupPos.INSTANCE.encode(frame));

        assertThat(e.field()).isEqualTo(41);
        assertThat(e.getMessage()).startsWith("field 41: cannot pack");
    }

    @Test
    void encodingAFieldOutsideTheLayoutNamesTheField() {
        IsoFrame frame = CUP_SALE.toIsoFrame();
        frame.msg().set(5, "000000001050");

        CodecException e = catchThrowableOfType(CodecException.class, () -> CupPos.INSTANCE.encode(frame));

        assertThat(e.field()).isEqualTo(5);
        assertThat(e.getMessage()).contains("not defined in the cup-pos layout");
    }

    @Test
    void encodingWithoutTheEnvelopeTheDialectNeedsFails() {
        IsoFrame frame = IsoFrame.of(CUP_SALE.toIsoFrame().msg());

        CodecException e = catchThrowableOfType(CodecException.class, () -> CupPos.INSTANCE.encode(frame));

        assertThat(e.getMessage()).contains("needs a TPDU");
    }

    @Test
    void dialectsAreFoundByNameAndUnknownNamesListTheKnownOnes() {
        assertThat(Dialects.byName("cup-pos")).isSameAs(CupPos.INSTANCE);
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> Dialects.byName("iso93")))
                .hasMessageContaining("iso87-ascii");
    }

    private static CodecException decodeFailure(Dialect dialect, byte[] body) {
        CodecException e = catchThrowableOfType(CodecException.class, () -> dialect.decode(body));
        assertThat(e).as("decode should fail").isNotNull();
        return e;
    }
}
