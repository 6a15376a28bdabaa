package io.acqsim.codec.emv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EmvMaskingTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Test
    void cardDataTagsShowOnlyTheirLength() {
        byte[] name = "SMITH/JOHN".getBytes(StandardCharsets.US_ASCII);
        byte[] de55 = HEX.parseHex("9F26081122334455667788" + "5A084761739001010010" + "57134761739001010010D28122011234567890000F"
                + "5F200A" + HEX.formatHex(name) + "9F1F0431323334" + "9F200312345F" + "9F3602001C");

        String shown = EmvMasking.describe(de55);

        assertThat(shown).isEqualTo("9F26=1122334455667788 5A=[8 bytes hidden] 57=[19 bytes hidden] 5F20=[10 bytes hidden]"
                + " 9F1F=[4 bytes hidden] 9F20=[3 bytes hidden] 9F36=001C");
        assertThat(shown).doesNotContain("4761739001010010").doesNotContain("SMITH");
    }

    @Test
    void templatesAreShownWithTheirChildrenMasked() {
        byte[] de55 = HEX.parseHex("700C" + "5A084761739001010010" + "8200" + "910A11223344556677883030");

        assertThat(EmvMasking.describe(de55)).isEqualTo("70{5A=[8 bytes hidden] 82=} 91=11223344556677883030");
    }

    @Test
    void malformedDataShowsNothingButItsLength() {
        assertThat(EmvMasking.describe(HEX.parseHex("5A0847617390"))).isEqualTo("[6 bytes, not BER-TLV, hidden]");
    }
}
