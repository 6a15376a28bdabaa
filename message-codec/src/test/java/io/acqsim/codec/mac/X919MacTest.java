package io.acqsim.codec.mac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class X919MacTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** The key of the ISO/IEC 9797-1 Annex B examples for MAC algorithm 3. */
    private static final byte[] KEY = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");

    @Test
    void publishedExampleWithWholeBlocksGivesA1C72E74() {
        byte[] mac = X919Mac.INSTANCE.mac(KEY, "Now is the time for all ".getBytes(StandardCharsets.US_ASCII));

        assertThat(HEX.formatHex(mac, 0, 4)).isEqualTo("A1C72E74");
    }

    @Test
    void publishedExampleWithZeroPaddedTailGives2E2B1428() {
        byte[] mac = X919Mac.INSTANCE.mac(KEY, "Now is the time for it".getBytes(StandardCharsets.US_ASCII));

        assertThat(HEX.formatHex(mac, 0, 4)).isEqualTo("2E2B1428");
    }

    @Test
    void macIsCbcMacWithTheLeftKeyThenDecryptRightThenEncryptLeft() throws Exception {
        byte[] data = HEX.parseHex("0200702404C020C09811196222021234567890AB0102");
        byte[] padded = Arrays.copyOf(data, 24);
        byte[] left = Arrays.copyOfRange(KEY, 0, 8);
        byte[] right = Arrays.copyOfRange(KEY, 8, 16);
        Cipher cbc = Cipher.getInstance("DES/CBC/NoPadding");
        cbc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(left, "DES"), new IvParameterSpec(new byte[8]));
        byte[] chain = cbc.doFinal(padded);
        byte[] last = Arrays.copyOfRange(chain, 16, 24);
        Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
        des.init(Cipher.DECRYPT_MODE, new SecretKeySpec(right, "DES"));
        byte[] step = des.doFinal(last);
        des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(left, "DES"));
        byte[] expected = des.doFinal(step);

        assertThat(X919Mac.INSTANCE.mac(KEY, data)).isEqualTo(expected);
    }

    @Test
    void singleLengthKeyIsRejected() {
        assertThatThrownBy(() -> X919Mac.INSTANCE.mac(new byte[8], new byte[8]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16-byte");
    }
}
