package io.acqsim.codec.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeyUtilitiesTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] TEST_KEY = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");

    @Test
    void checkValueOfTheEmvTestIssuerKeyIs08D7() {
        // pyemv (github.com/knovichikhin/pyemv) tests/test_ac_hsm.py: key_check_digits(iss_mk, 2) == "08D7".
        assertThat(HEX.formatHex(CheckValue.des(TEST_KEY, 2))).isEqualTo("08D7");
        assertThat(CheckValue.des(TEST_KEY)).hasSize(3).startsWith(CheckValue.des(TEST_KEY, 2));
    }

    @Test
    void checkValueOfASingleDesKeyIsItsEncryptionOfZeros() {
        // DES known answer: 0123456789ABCDEF encrypting 0000000000000000 gives D5D44FF720683D0D.
        assertThat(HEX.formatHex(CheckValue.des(HEX.parseHex("0123456789ABCDEF"), 8))).isEqualTo("D5D44FF720683D0D");
    }

    @Test
    void aesCheckValueIsTheKeysEncryptionOfAZeroBlock() {
        // NIST AESAVS, KeySbox known-answer test for AES-128 (plaintext all zero), first entry.
        byte[] key = HEX.parseHex("10A58869D74BE5A374CF867CFB473859");
        assertThat(HEX.formatHex(CheckValue.aes(key, 16))).isEqualTo("6D251E6944B051E04EAA6FB4DBF78465");
        assertThat(HEX.formatHex(CheckValue.aes(key, 3))).isEqualTo("6D251E");
    }

    @Test
    void retailMacWithZeroPaddingMatchesTheIso9797Examples() {
        // ISO/IEC 9797-1 Annex B, MAC algorithm 3, padding method 1, key 0123456789ABCDEFFEDCBA9876543210.
        assertThat(HEX.formatHex(RetailMac.mac(TEST_KEY, "Now is the time for all ".getBytes(StandardCharsets.US_ASCII),
                RetailMac.Padding.ZEROS), 0, 4)).isEqualTo("A1C72E74");
        assertThat(HEX.formatHex(RetailMac.mac(TEST_KEY, "Now is the time for it".getBytes(StandardCharsets.US_ASCII),
                RetailMac.Padding.ZEROS), 0, 4)).isEqualTo("2E2B1428");
    }

    @Test
    void paddingMethodTwoAlwaysAddsEightyEvenToWholeBlocks() {
        assertThat(HEX.formatHex(RetailMac.pad(new byte[8], RetailMac.Padding.ISO_9797_M2)))
                .isEqualTo("0000000000000000" + "8000000000000000");
        assertThat(HEX.formatHex(RetailMac.pad(new byte[8], RetailMac.Padding.ZEROS))).isEqualTo("0000000000000000");
        assertThat(HEX.formatHex(RetailMac.pad(new byte[] {1, 2, 3}, RetailMac.Padding.ISO_9797_M2)))
                .isEqualTo("0102038000000000");
    }

    @Test
    void oddParitySetsTheLowBitWhereTheOtherSevenAreEven() {
        assertThat(HEX.formatHex(TripleDes.withOddParity(HEX.parseHex("000102FE7F80")))).isEqualTo("010102FE7F80");
    }

    @Test
    void decryptUndoesEncrypt() {
        byte[] block = HEX.parseHex("0011223344556677");
        assertThat(TripleDes.decrypt(TEST_KEY, TripleDes.encrypt(TEST_KEY, block))).isEqualTo(block);
    }

    @Test
    void badKeyAndDataLengthsAreNamed() {
        assertThatThrownBy(() -> TripleDes.encrypt(new byte[10], new byte[8])).hasMessageContaining("8, 16 or 24 bytes, got 10");
        assertThatThrownBy(() -> TripleDes.encrypt(TEST_KEY, new byte[7])).hasMessageContaining("got 7 bytes");
        assertThatThrownBy(() -> RetailMac.mac(new byte[8], new byte[8], RetailMac.Padding.ZEROS)).hasMessageContaining("16-byte");
    }
}
