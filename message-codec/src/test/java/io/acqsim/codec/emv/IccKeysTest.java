package io.acqsim.codec.emv;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.key.CheckValue;
import io.acqsim.codec.key.RetailMac;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known answers from pyemv (github.com/knovichikhin/pyemv, tests/test_kd_hsm.py and
 * tests/test_ac_hsm.py, values its author checked against a hardware security module): issuer key
 * 0123456789ABCDEFFEDCBA9876543210, ICC master key option A, EMV common session key with
 * R = 1234567890123456, cryptograms over 0123456789ABCDEF0123456789ABCDEF, ARPC methods 1 and 2.
 */
class IccKeysTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] IMK = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
    private static final byte[] R = HEX.parseHex("1234567890123456");
    private static final byte[] DATA = HEX.parseHex("0123456789ABCDEF0123456789ABCDEF");

    private static String kcv2(byte[] key) {
        return HEX.formatHex(CheckValue.des(key, 2));
    }

    @Test
    void optionAUsesTheRightmostSixteenDigitsOfPanAndSequenceNumber() {
        // test_kd_hsm.py test_derive_icc_mk_a_psn: PAN 12345678901234567, PSN 45.
        byte[] mk = IccKeys.masterKeyOptionA(IMK, "12345678901234567", "45");
        assertThat(kcv2(mk)).isEqualTo("FF08");

        byte[] sk = IccKeys.sessionKey(mk, R);
        assertThat(kcv2(sk)).isEqualTo("DF82");

        byte[] arqc = RetailMac.mac(sk, DATA, RetailMac.Padding.ISO_9797_M2);
        assertThat(HEX.formatHex(arqc)).isEqualTo("19C1FBC83EBDC0D5");
        assertThat(HEX.formatHex(Arpc.method1(mk, arqc, HEX.parseHex("0000")))).isEqualTo("78A372523FA35A03");
        // test_derive_common_sk: ARPC method 1 under the session key instead.
        assertThat(HEX.formatHex(Arpc.method1(sk, arqc, HEX.parseHex("0000")))).isEqualTo("C3620580668E5B65");
    }

    @Test
    void optionAWithoutSequenceNumberUsesZeroZero() {
        // test_kd_hsm.py test_derive_icc_mk_a_no_psn.
        byte[] mk = IccKeys.masterKeyOptionA(IMK, "12345678901234567", null);
        byte[] sk = IccKeys.sessionKey(mk, R);
        assertThat(kcv2(sk)).isEqualTo("3F4F");

        byte[] arqc = RetailMac.mac(sk, DATA, RetailMac.Padding.ISO_9797_M2);
        assertThat(HEX.formatHex(arqc)).isEqualTo("8698A7319324FD93");
        assertThat(HEX.formatHex(Arpc.method1(mk, arqc, HEX.parseHex("0000")))).isEqualTo("BEA11C8F4A47EF6F");
    }

    @Test
    void sixteenDigitPanWithSequenceNumber() {
        // test_ac_hsm.py: PAN 9901234567890123, PSN 45.
        byte[] mk = IccKeys.masterKeyOptionA(IMK, "9901234567890123", "45");
        assertThat(kcv2(mk)).isEqualTo("1DA5");
        byte[] sk = IccKeys.sessionKey(mk, R);
        assertThat(kcv2(sk)).isEqualTo("0995");

        byte[] emvPadded = RetailMac.mac(sk, DATA, RetailMac.Padding.ISO_9797_M2);
        assertThat(HEX.formatHex(emvPadded)).isEqualTo("4B46013359B7A58B");
        assertThat(HEX.formatHex(Arpc.method1(mk, emvPadded, HEX.parseHex("0000")))).isEqualTo("F8C9CECAABD55AD1");

        // Visa padding (zeros): nothing added to whole blocks, zeros to a partial one.
        byte[] whole = RetailMac.mac(sk, DATA, RetailMac.Padding.ZEROS);
        assertThat(HEX.formatHex(whole)).isEqualTo("922F3E83125EB46B");
        assertThat(HEX.formatHex(Arpc.method1(mk, whole, HEX.parseHex("0000")))).isEqualTo("8AE6E836084B0E80");
        byte[] partial = RetailMac.mac(sk, HEX.parseHex("0123456789ABCDEF0123456789ABCDEF01"), RetailMac.Padding.ZEROS);
        assertThat(HEX.formatHex(partial)).isEqualTo("2E141C6BC4A20DA8");
        assertThat(HEX.formatHex(Arpc.method1(mk, partial, HEX.parseHex("0000")))).isEqualTo("16A49AAB314B9262");
    }

    @Test
    void arpcMethodTwoWithAndWithoutProprietaryData() {
        // test_ac_hsm.py test_generate_arpc2 / test_generate_arpc2_no_prop_auth_data.
        byte[] mk = IccKeys.masterKeyOptionA(IMK, "9901234567890123", "45");
        byte[] sk = IccKeys.sessionKey(mk, R);
        byte[] arqc = HEX.parseHex("4B46013359B7A58B");

        assertThat(HEX.formatHex(Arpc.method2(sk, arqc, HEX.parseHex("00000000"), HEX.parseHex("1234567890ABCDEF"))))
                .isEqualTo("4962B76C");
        assertThat(HEX.formatHex(Arpc.method2(sk, arqc, HEX.parseHex("00000000"), null))).isEqualTo("7DFB1188");
    }

    @Test
    void commonSessionKeyIsTheDiversificationOfAtcAndZeros() {
        // test_cvn_hsm.py (Visa CVN 18): PAN 1234567890123456, PSN 00, ATC 001C gives session key check 22C8,
        // and the ICC master key's check digits are BAB0.
        byte[] mk = IccKeys.masterKeyOptionA(IMK, "1234567890123456", "00");
        assertThat(kcv2(mk)).isEqualTo("BAB0");
        assertThat(kcv2(IccKeys.commonSessionKey(mk, HEX.parseHex("001C")))).isEqualTo("22C8");
        assertThat(IccKeys.commonSessionKey(mk, HEX.parseHex("001C")))
                .isEqualTo(IccKeys.sessionKey(mk, HEX.parseHex("001C000000000000")));
    }

    @Test
    void mastercardSessionKeyUsesTheUnpredictableNumber() {
        // test_cvn_hsm.py (Mastercard CVN 16): ATC 001C, UN ABCDEF12 gives session key check 2FD5.
        byte[] mk = IccKeys.masterKeyOptionA(IMK, "1234567890123456", "00");
        assertThat(kcv2(IccKeys.mastercardSessionKey(mk, HEX.parseHex("001C"), HEX.parseHex("ABCDEF12")))).isEqualTo("2FD5");
    }
}
