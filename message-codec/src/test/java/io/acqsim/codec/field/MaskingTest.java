package io.acqsim.codec.field;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.golden.GoldenVectors;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

class MaskingTest {
    @Test
    void panKeepsFirstSixAndLastFour() {
        assertThat(Masking.pan("6225880123456789012")).isEqualTo("622588*********9012");
        assertThat(Masking.pan("4761739001010010")).isEqualTo("476173******0010");
    }

    @Test
    void shortPanIsFullyHidden() {
        assertThat(Masking.pan("12345678901")).isEqualTo("***********");
    }

    @Test
    void trackMasksThePanAndHidesEverythingAfterTheSeparator() {
        assertThat(Masking.track("6225880123456789012=301220100000000"))
                .isEqualTo("622588*********9012=" + "*".repeat(15));
        assertThat(Masking.track("4761739001010010D2812")).isEqualTo("476173******0010D****");
    }

    @Test
    void secretsShowOnlyTheirLength() throws Exception {
        ISOMsg msg = GoldenVectors.of("cup-pos", "0200-sale-real-frame").toIsoFrame().msg();

        assertThat(Masking.field(msg, 52)).isEqualTo("[8 bytes hidden]");
        assertThat(Masking.field(msg, 64)).isEqualTo("[8 bytes hidden]");
        assertThat(Masking.field(msg, 41)).isEqualTo("20240001");
        assertThat(Masking.field(msg, 7)).isNull();
    }

    @Test
    void dumpMasksCardDataAndKeepsTheRest() {
        ISOMsg msg = GoldenVectors.of("iso87-ascii", "0200-sale").toIsoFrame().msg();

        String dump = Masking.dump(msg);

        assertThat(dump).startsWith("0200 2=476173******0010 3=000000 4=000000001050")
                .contains(" 35=476173******0010=********************")
                .contains(" 52=[8 bytes hidden]")
                .doesNotContain("4761739001010010")
                .doesNotContain("8E2A71C0");
    }

    @Test
    void hexDumpHidesAsciiDigitRunsThatMayBeAPan() {
        byte[] pan = "4761739001010010".getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[pan.length + 4];
        frame[0] = (byte) 0xAA;
        frame[1] = (byte) 0xAA;
        System.arraycopy(pan, 0, frame, 2, pan.length);
        frame[frame.length - 2] = (byte) 0xEE;
        frame[frame.length - 1] = (byte) 0xEE;

        String hex = Masking.hex(frame);

        assertThat(hex).hasSize(frame.length * 2).startsWith("AAAA").endsWith("EEEE");
        assertThat(hex).doesNotContain("39303031").contains("2A2A2A2A2A2A");
    }

    @Test
    void hexDumpHidesBcdDigitRunsIncludingThePanBeforeATrackSeparator() {
        byte[] body = GoldenVectors.of("cup-pos", "0200-sale-real-frame").body();

        String hex = Masking.hex(body);

        assertThat(hex).hasSize(body.length * 2);
        assertThat(hex).doesNotContain("1234567890").doesNotContain("90123D").doesNotContain("123D");
        assertThat(hex).startsWith("600006");
        assertThat(hex).contains("6F2C0B5A9E1D4837".substring(0, 4));
    }

    @Test
    void shortDigitRunsStayReadable() {
        assertThat(Masking.hex(new byte[] {(byte) 0xAB, 0x12, 0x34, (byte) 0xCD})).isEqualTo("AB1234CD");
    }

    @Test
    void asciiDigitsKeptByTheAsciiMaskAreNotMaskedAgainAsBcd() {
        byte[] frame = "0200723C0481AAAA164761739001010010000000".getBytes(StandardCharsets.US_ASCII);

        String text = new String(HexFormat.of().parseHex(Masking.hex(frame)), StandardCharsets.ISO_8859_1);

        assertThat(text).isEqualTo("0200723C0481AAAA164761" + "*".repeat(14) + "0000");
    }

    @Test
    void emvDataShowsItsTagsWithCardDataHidden() throws Exception {
        ISOMsg msg = new ISOMsg("0200");
        msg.set(55, HexFormat.of().parseHex("9F2608112233445566778857134761739001010010D28122011234567890000F"
                + "5F2004534D4954" + "9F360200" + "1C"));

        String shown = Masking.field(msg, 55);

        assertThat(shown).isEqualTo("9F26=1122334455667788 57=[19 bytes hidden] 5F20=[4 bytes hidden] 9F36=001C");
        assertThat(Masking.dump(msg)).contains(" 55=9F26=1122334455667788 57=[19 bytes hidden]")
                .doesNotContain("4761739001010010").doesNotContain("534D4954");
        assertThat(Masking.field(55, "9F360200" + "1C" + "5A0847617390010100" + "10", true))
                .isEqualTo("9F36=001C 5A=[8 bytes hidden]");
        assertThat(Masking.isSecret(55)).as("code that cannot read DE55 hides all of it").isTrue();
        ISOMsg chars = new ISOMsg("0200");
        chars.set(55, new String(HexFormat.of().parseHex("9F360200" + "1C"), StandardCharsets.ISO_8859_1));
        assertThat(Masking.field(chars, 55)).as("DE55 as jPOS's character packagers hold it").isEqualTo("9F36=001C");
    }

    @Test
    void hexDumpHidesEmvNamesAndDiscretionaryData() {
        byte[] frame = HexFormat.of().parseHex("0200" + "5F2004534D4954" + "9F1F033132AB" + "9F36021234");

        String hex = Masking.hex(frame);

        assertThat(hex).isEqualTo("0200" + "5F20042A2A2A2A" + "9F1F032A2A2A" + "9F36021234");
    }
}
