package io.acqsim.codec.pin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PinBlockTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String PAN = "5555555551234567";

    @Test
    void formatZeroKnownAnswers() throws Exception {
        // psec (github.com/knovichikhin/psec) tests/test_pinblock.py, test_encode_pinblock_iso_0 and decode.
        assertThat(HEX.formatHex(PinBlock.format0("1234", PAN))).isEqualTo("041261AAAAEDCBA9");
        assertThat(HEX.formatHex(PinBlock.format0("123456789012", PAN))).isEqualTo("0C1261032D8226A9");
        assertThat(PinBlock.decode(HEX.parseHex("091261032D8DCBA9"), PAN)).isEqualTo("123456789");
        assertThat(PinBlock.decode(HEX.parseHex("0A1261032D82CBA9"), PAN)).isEqualTo("1234567890");
    }

    @Test
    void formatZeroUnderAKeyMatchesAPublishedEncryptedBlock() throws Exception {
        // rkbalgi/isosim internal/iso/crypto_ops_test.go Test_GeneratePinBlock_ISO0 (checked there against
        // neapay.com's PIN block calculator): PIN 1234, PAN 4356876509876788, key AB92..65FE.
        byte[] key = HEX.parseHex("AB9292288227277226252525224665FE");
        byte[] enciphered = PinBlock.encrypt(key, PinBlock.format0("1234", "4356876509876788"));

        assertThat(HEX.formatHex(enciphered)).isEqualTo("B4BF8522DFFB6FFB");
        assertThat(PinBlock.verify(key, enciphered, "4356876509876788", "1234")).isTrue();
        assertThat(PinBlock.verify(key, enciphered, "4356876509876788", "1235")).isFalse();
    }

    @Test
    void formatOneKnownAnswer() throws Exception {
        // openemv/crypto test pinblock_format1_test.c: PIN 12345 in block 1512345EDCBA9876.
        assertThat(PinBlock.decode(HEX.parseHex("1512345EDCBA9876"), null)).isEqualTo("12345");
    }

    @Test
    void formatOneCarriesNoPanAndRandomFill() throws Exception {
        byte[] a = PinBlock.format1("2468", new Random(1));
        byte[] b = PinBlock.format1("2468", new Random(2));

        assertThat(HEX.formatHex(a)).startsWith("142468");
        assertThat(a).isNotEqualTo(b);
        assertThat(PinBlock.decode(a, "9999999999999999")).isEqualTo("2468");
    }

    @Test
    void formatThreeKnownAnswers() throws Exception {
        // psec tests/test_pinblock.py, test_encode_pinblock_iso_3 (prefix) and test_decode_pinblock_iso_3.
        assertThat(HEX.formatHex(PinBlock.format3("1234", PAN, new Random(7)))).startsWith("341261");
        assertThat(HEX.formatHex(PinBlock.format3("123456789012", PAN, new Random(7)))).startsWith("3C1261032D8226");
        assertThat(PinBlock.decode(HEX.parseHex("341261AAAAEDCBA9"), PAN)).isEqualTo("1234");
        assertThat(PinBlock.decode(HEX.parseHex("3C1261032D8226A9"), PAN)).isEqualTo("123456789012");
    }

    @Test
    void formatThreeFillIsAToFSoItNeverDecodesAsFormatZero() throws Exception {
        byte[] clear = PinBlock.format3("1234", PAN, new Random(3));
        assertThat(PinBlock.decode(clear, PAN)).isEqualTo("1234");
        byte[] unmasked = io.acqsim.codec.key.TripleDes.xor(clear, PinBlock.panField(PAN));
        for (int i = 6; i < 16; i++) {
            int nibble = i % 2 == 0 ? (unmasked[i / 2] & 0xF0) >>> 4 : unmasked[i / 2] & 0x0F;
            assertThat(nibble).isBetween(0xA, 0xF);
        }
    }

    @Test
    void badBlocksSayWhyWithoutShowingThePin() {
        // psec's decode error cases, same blocks.
        assertThatThrownBy(() -> PinBlock.decode(HEX.parseHex("241261AAAAEDCBA9"), PAN))
                .isInstanceOf(PinBlockException.class).hasMessageContaining("format 2 is not supported");
        assertThatThrownBy(() -> PinBlock.decode(HEX.parseHex("0F1261AAAAEDCBA9"), PAN)).hasMessageContaining("PIN length 15");
        assertThatThrownBy(() -> PinBlock.decode(HEX.parseHex("041261AAAAEDCBAA"), PAN)).hasMessageContaining("fill");
        assertThatThrownBy(() -> PinBlock.decode(HEX.parseHex("051261AAAAEDCBA9"), PAN))
                .hasMessageContaining("digit 5 is not a decimal digit").hasMessageNotContaining("1234");
        assertThatThrownBy(() -> PinBlock.decode(HEX.parseHex("341261AAAAEDCBA2"), PAN)).hasMessageContaining("fill");
        assertThatThrownBy(() -> PinBlock.decode(HEX.parseHex("041261AAAAEDCBA9"), "555555555123")).hasMessageContaining("13 digits");
        assertThatThrownBy(() -> PinBlock.format0("123", PAN)).hasMessageContaining("4 to 12");
    }
}
