package io.acqsim.codec.mac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WorkingKeysTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private static byte[] desDecrypt(byte[] key, byte[] data) throws Exception {
        Cipher c = Cipher.getInstance("DES/ECB/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "DES"));
        return c.doFinal(data);
    }

    @Test
    void checkValueOfTheClassicTestKeyIsItsPublishedKcv() {
        // 0123456789ABCDEF encrypting 0000000000000000 gives D5D44FF720683D0D (DES known answer).
        assertThat(HEX.formatHex(WorkingKeys.checkValue(HEX.parseHex("0123456789ABCDEF")))).isEqualTo("D5D44FF7");
    }

    @Test
    void signOnFieldCarriesBothKeysEncryptedUnderTheTmkWithCheckValues() throws Exception {
        byte[] tmk = HEX.parseHex("1111111111111111");
        byte[] pik = HEX.parseHex("2222222222222222");
        byte[] mak = HEX.parseHex("0123456789ABCDEF");
        byte[] de62 = WorkingKeys.signOnField(tmk, pik, mak);
        assertThat(de62).hasSize(24);
        assertThat(desDecrypt(tmk, Arrays.copyOfRange(de62, 0, 8))).isEqualTo(pik);
        assertThat(Arrays.copyOfRange(de62, 8, 12)).isEqualTo(WorkingKeys.checkValue(pik));
        assertThat(desDecrypt(tmk, Arrays.copyOfRange(de62, 12, 20))).isEqualTo(mak);
        assertThat(HEX.formatHex(Arrays.copyOfRange(de62, 20, 24))).isEqualTo("D5D44FF7");
    }

    @Test
    void doubleLengthKeysMake40Bytes() {
        byte[] tmk = HEX.parseHex("11111111111111112222222222222222");
        byte[] de62 = WorkingKeys.signOnField(tmk, new byte[16], HEX.parseHex("0123456789ABCDEFFEDCBA9876543210"));
        assertThat(de62).hasSize(40);
    }
}
