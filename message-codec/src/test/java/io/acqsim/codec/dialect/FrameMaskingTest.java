package io.acqsim.codec.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.field.Masking;
import io.acqsim.codec.golden.GoldenVector;
import io.acqsim.codec.golden.GoldenVectors;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameMaskingTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Test
    void asciiFrameChangesOnlyTheMaskedPanTrackAndPinBytes() throws Exception {
        GoldenVector v = GoldenVectors.of("iso87-ascii", "0200-sale");
        byte[] frame = v.frame();
        int header = v.codec().lengthHeader().size();

        byte[] masked = FrameMasking.frame(v.codec(), frame, header);

        assertThat(masked).hasSize(frame.length);
        String text = new String(masked, StandardCharsets.ISO_8859_1);
        // length prefix, MTI and the digits kept of the PAN are exact: no FF over kept ASCII digits
        assertThat(text).startsWith("01850200").contains("16476173******0010000000000000001050")
                .contains("37476173******0010=" + "*".repeat(20))
                .contains("FFFFFFFFFFFFFFFF")
                .doesNotContain("4761739001010010").doesNotContain("8E2A71C0");
        assertThat(HEX.formatHex(masked)).doesNotContain("FFFF");
        List<FieldSpans.Span> spans = FieldSpans.of(v.codec(), java.util.Arrays.copyOfRange(masked, header, masked.length));
        for (FieldSpans.Span s : spans) {
            if (s.field() > 1 && s.field() != 2 && s.field() != 35 && s.field() != 52) {
                assertThat(String.valueOf(s.value() instanceof byte[] b ? HEX.formatHex(b) : s.value()))
                        .as("DE" + s.field()).isEqualTo(v.fields().get(String.valueOf(s.field())));
            }
        }
    }

    @Test
    void bcdFrameMasksPanNibblesAndKeepsTheRest() throws Exception {
        GoldenVector v = GoldenVectors.of("cup-pos", "0200-sale-real-frame");

        byte[] masked = FrameMasking.body(v.codec(), v.body());

        String hex = HEX.formatHex(masked);
        assertThat(masked).hasSize(v.body().length);
        // DE2: LL 19, then 622202 kept, 9 nibbles F, 0123 kept, trailing pad nibble
        assertThat(hex).contains("19622202FFFFFFFFF01230").doesNotContain("1234567890");
        // DE35 left-aligned: PAN masked as in DE2, separator D kept, everything after it F
        assertThat(hex).contains("35622202FFFFFFFFF0123D" + "F".repeat(15));
        // DE52 PIN block and DE64 MAC become FF; DE53 and DE60 stay
        assertThat(hex).doesNotContain("6F2C0B5A9E1D4837").doesNotContain("3634394430383236")
                .contains("2600000000000000").contains("2200004500050");
        List<FieldSpans.Span> spans = FieldSpans.of(v.codec(), masked);
        assertThat(spans.stream().filter(s -> s.field() == 2).findFirst().orElseThrow().value())
                .isEqualTo("622202FFFFFFFFF0123");
    }

    @Test
    void everyGoldenVectorKeepsItsLengthAndItsUnmaskedFields() throws Exception {
        for (GoldenVector v : GoldenVectors.all()) {
            byte[] masked = FrameMasking.body(v.codec(), v.body());
            assertThat(masked).as(v.dialect() + "/" + v.name()).hasSize(v.body().length);
            for (FieldSpans.Span s : FieldSpans.of(v.codec(), masked)) {
                int f = s.field();
                if (f == 2) { // every layout and charset (ASCII, BCD, EBCDIC): the middle digits hidden, 6 + 4 kept
                    String pan = v.fields().get("2");
                    assertThat(String.valueOf(s.value())).as(v.dialect() + "/" + v.name() + " DE2")
                            .startsWith(pan.substring(0, 6)).endsWith(pan.substring(pan.length() - 4))
                            .doesNotContain(pan.substring(6, pan.length() - 4)).matches("\\d{6}[*F]+\\d{4}");
                }
                if (f > 1 && f != 2 && f != 34 && f != 35 && f != 36 && !Masking.isSecret(f)
                        && !(s.value() instanceof byte[])) {
                    assertThat(String.valueOf(s.value())).as(v.dialect() + "/" + v.name() + " DE" + f)
                            .isEqualTo(v.fields().get(String.valueOf(f)));
                }
            }
        }
    }

    @Test
    void undecodableFrameFallsBackToHidingDigitRuns() {
        byte[] junk = "0200XXXX4761739001010010".getBytes(StandardCharsets.US_ASCII);

        String hex = FrameMasking.hex(Dialects.byName("iso87-ascii"), junk, 0);

        assertThat(new String(HexFormat.of().parseHex(hex), StandardCharsets.ISO_8859_1))
                .isEqualTo("0200XXXX476173******0010");
    }
}
