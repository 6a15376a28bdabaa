package io.acqsim.codec.emv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BerTlvTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Test
    void readsOneAndTwoByteTagsInOrder() throws Exception {
        List<Tlv> objects = BerTlv.decode(HEX.parseHex("9F2608112233445566778882021800" + "5F340101"));

        assertThat(objects).extracting(Tlv::tagHex).containsExactly("9F26", "82", "5F34");
        assertThat(HEX.formatHex(objects.get(0).value())).isEqualTo("1122334455667788");
        assertThat(objects.get(1).value()).containsExactly(0x18, 0x00);
        assertThat(objects.get(2).isConstructed()).isFalse();
    }

    @Test
    void readsThreeByteTagsAndLongLengths() throws Exception {
        byte[] big = new byte[200];
        big[199] = 0x7E;
        byte[] bytes = HEX.parseHex("DF810102ABCD" + "9F1081C8" + HEX.formatHex(big) + "5F20820100" + "41".repeat(256));

        List<Tlv> objects = BerTlv.decode(bytes);

        assertThat(objects).extracting(Tlv::tagHex).containsExactly("DF8101", "9F10", "5F20");
        assertThat(objects.get(0).tag()).isEqualTo(0xDF8101);
        assertThat(objects.get(1).length()).isEqualTo(200);
        assertThat(objects.get(1).value()[199]).isEqualTo((byte) 0x7E);
        assertThat(objects.get(2).value()).hasSize(256);
    }

    @Test
    void constructedTemplatesHoldTheirChildren() throws Exception {
        // An issuer script template 71 with its identifier and one command, inside a template 70.
        byte[] bytes = HEX.parseHex("7013" + "7111" + "9F180400000001" + "86088424000003112233");

        Tlv outer = BerTlv.decode(bytes).get(0);

        assertThat(outer.isConstructed()).isTrue();
        Tlv script = outer.children().get(0);
        assertThat(script.tagHex()).isEqualTo("71");
        assertThat(script.children()).extracting(Tlv::tagHex).containsExactly("9F18", "86");
        assertThat(EmvData.parse(bytes).get(0x86)).containsExactly(0x84, 0x24, 0x00, 0x00, 0x03, 0x11, 0x22, 0x33);
    }

    @Test
    void encodeIsTheInverseOfDecodeWithShortestLengths() throws Exception {
        Tlv script = Tlv.constructed(0x72, List.of(Tlv.of(0x9F18, HEX.parseHex("00000002")),
                Tlv.of(0x86, HEX.parseHex("841E000000"))));
        byte[] bytes = BerTlv.encode(Tlv.of(0x91, HEX.parseHex("11223344556677883030")), script, Tlv.of(0x9F10, new byte[130]));

        assertThat(HEX.formatHex(bytes)).startsWith("910A11223344556677883030" + "720E" + "9F180400000002" + "8605841E000000"
                + "9F108182");
        List<Tlv> back = BerTlv.decode(bytes);
        assertThat(back).extracting(Tlv::tagHex).containsExactly("91", "72", "9F10");
        assertThat(BerTlv.encode(back)).isEqualTo(bytes);
    }

    @Test
    void zeroPaddingBetweenObjectsIsSkipped() throws Exception {
        assertThat(BerTlv.decode(HEX.parseHex("00009A03191105000082021800"))).extracting(Tlv::tagHex).containsExactly("9A", "82");
    }

    @Test
    void malformedTlvNamesTheOffsetAndTheProblem() {
        assertThatThrownBy(() -> BerTlv.decode(HEX.parseHex("82021800" + "9F2608112233")))
                .isInstanceOf(TlvFormatException.class)
                .hasMessage("BER-TLV at offset 4: tag 9F26 says 8 bytes but only 3 are left");
        assertThatThrownBy(() -> BerTlv.decode(HEX.parseHex("9F")))
                .hasMessageContaining("offset 0").hasMessageContaining("runs past the end");
        assertThatThrownBy(() -> BerTlv.decode(HEX.parseHex("9F26")))
                .hasMessageContaining("tag 9F26 has no length");
        assertThatThrownBy(() -> BerTlv.decode(HEX.parseHex("9F2680")))
                .hasMessageContaining("indefinite length");
        assertThatThrownBy(() -> BerTlv.decode(HEX.parseHex("9F268501")))
                .hasMessageContaining("5-byte length");
        assertThatThrownBy(() -> BerTlv.decode(HEX.parseHex("9FFFFFFF0100")))
                .hasMessageContaining("longer than four bytes");
        // A template whose child overruns the template (not the whole data).
        assertThatThrownBy(() -> BerTlv.decode(HEX.parseHex("7104" + "860500" + "11" + "2233445566")))
                .isInstanceOf(TlvFormatException.class).hasMessageContaining("offset 2");
    }

    @Test
    void badTagNumbersAreRefusedWhenBuilding() {
        assertThatThrownBy(() -> Tlv.of(0x9F, new byte[1])).hasMessageContaining("not a BER-TLV tag: 9F");
        assertThatThrownBy(() -> Tlv.of(0x5A01, new byte[1])).hasMessageContaining("not a BER-TLV tag");
        assertThatThrownBy(() -> Tlv.constructed(0x91, List.of())).hasMessageContaining("not a constructed tag");
    }
}
