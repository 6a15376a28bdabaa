package io.acqsim.codec.mac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CupEcbMacTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] MAK = HEX.parseHex("0123456789ABCDEF");
    /** 20 bytes: two whole blocks and a 4-byte tail that gets zero-padded. */
    private static final byte[] DATA = HEX.parseHex("0200702404C020C09811196222021234567890AB");

    @Test
    void macFollowsTheUnionPayStepsComputedIndependently() throws Exception {
        byte[] xor = new byte[8];
        byte[] padded = new byte[24];
        System.arraycopy(DATA, 0, padded, 0, DATA.length);
        for (int i = 0; i < 24; i++) {
            xor[i % 8] ^= padded[i];
        }
        byte[] expanded = HEX.formatHex(xor).getBytes(StandardCharsets.US_ASCII);
        Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
        des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(MAK, "DES"));
        byte[] first = des.doFinal(expanded, 0, 8);
        for (int i = 0; i < 8; i++) {
            first[i] ^= expanded[8 + i];
        }
        String expected = HEX.formatHex(des.doFinal(first)).substring(0, 8);

        byte[] mac = CupEcbMac.INSTANCE.mac(MAK, DATA);

        assertThat(new String(mac, StandardCharsets.US_ASCII)).isEqualTo(expected);
    }

    @Test
    void macIsEightUpperCaseHexCharacters() {
        byte[] mac = CupEcbMac.INSTANCE.mac(MAK, DATA);

        assertThat(new String(mac, StandardCharsets.US_ASCII)).matches("[0-9A-F]{8}");
    }

    @Test
    void aChangedByteChangesTheMac() {
        byte[] other = DATA.clone();
        other[17] ^= 0x01;

        assertThat(CupEcbMac.INSTANCE.mac(MAK, other)).isNotEqualTo(CupEcbMac.INSTANCE.mac(MAK, DATA));
    }

    @Test
    void doubleLengthMakWithEqualHalvesGivesTheSingleDesMac() {
        byte[] doubled = HEX.parseHex("0123456789ABCDEF0123456789ABCDEF");

        assertThat(CupEcbMac.INSTANCE.mac(doubled, DATA)).isEqualTo(CupEcbMac.INSTANCE.mac(MAK, DATA));
    }

    @Test
    void doubleLengthMakWithDistinctHalvesUsesTripleDes() {
        byte[] doubled = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");

        assertThat(CupEcbMac.INSTANCE.mac(doubled, DATA)).isNotEqualTo(CupEcbMac.INSTANCE.mac(MAK, DATA));
    }

    @Test
    void verifyAcceptsTheMacAndRejectsAnother() {
        byte[] mac = CupEcbMac.INSTANCE.mac(MAK, DATA);
        byte[] wrong = mac.clone();
        wrong[7] ^= 0x01;

        assertThat(CupEcbMac.INSTANCE.verify(MAK, DATA, mac)).isTrue();
        assertThat(CupEcbMac.INSTANCE.verify(MAK, DATA, wrong)).isFalse();
    }

    @Test
    void keyOfAnUnusableLengthIsRejected() {
        assertThatThrownBy(() -> CupEcbMac.INSTANCE.mac(new byte[7], DATA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 7");
    }
}
