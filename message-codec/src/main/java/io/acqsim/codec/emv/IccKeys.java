package io.acqsim.codec.emv;

import io.acqsim.codec.key.TripleDes;

/**
 * Card keys derived from issuer master keys, as EMV Book 2 Annex A1.4 (ICC master key, option A)
 * and A1.3 (common session key) define them. All keys are double-length DES keys with odd parity.
 */
public final class IccKeys {
    private IccKeys() {
    }

    /**
     * ICC master key, option A: Y is the rightmost 16 digits of PAN ‖ PAN sequence number (zeros on
     * the left when shorter); the key is 3DES(IMK, Y) ‖ 3DES(IMK, Y ⊕ FF..FF).
     *
     * @param psn the two-digit PAN sequence number (tag 5F34); null or empty means {@code 00}
     */
    public static byte[] masterKeyOptionA(byte[] imk, String pan, String psn) {
        if (imk.length != 16) {
            throw new IllegalArgumentException("an issuer master key must be 16 bytes, got " + imk.length);
        }
        String digits = pan + (psn == null || psn.isEmpty() ? "00" : psn);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("PAN and PAN sequence number must be digits");
        }
        if (digits.length() < 16) {
            digits = "0".repeat(16 - digits.length()) + digits;
        }
        byte[] y = java.util.HexFormat.of().parseHex(digits.substring(digits.length() - 16));
        byte[] left = TripleDes.encrypt(imk, y);
        byte[] right = TripleDes.encrypt(imk, TripleDes.xor(y, ff(8)));
        return TripleDes.withOddParity(concat(left, right));
    }

    /**
     * EMV common session key (Book 2 A1.3.1) with the diversification value R = ATC ‖ 00 00 00 00 00 00:
     * 3DES(MK, R0 R1 F0 R3..R7) ‖ 3DES(MK, R0 R1 0F R3..R7).
     */
    public static byte[] commonSessionKey(byte[] iccMasterKey, byte[] atc) {
        checkAtc(atc);
        byte[] r = new byte[8];
        r[0] = atc[0];
        r[1] = atc[1];
        return sessionKey(iccMasterKey, r);
    }

    /**
     * Mastercard's own session key derivation (M/Chip 4 CVN 16/17): as the common session key, with
     * R = ATC ‖ 00 00 ‖ unpredictable number.
     */
    public static byte[] mastercardSessionKey(byte[] iccMasterKey, byte[] atc, byte[] unpredictableNumber) {
        checkAtc(atc);
        if (unpredictableNumber.length != 4) {
            throw new IllegalArgumentException("the unpredictable number (9F37) must be 4 bytes, got " + unpredictableNumber.length);
        }
        byte[] r = new byte[8];
        r[0] = atc[0];
        r[1] = atc[1];
        System.arraycopy(unpredictableNumber, 0, r, 4, 4);
        return sessionKey(iccMasterKey, r);
    }

    /** The EMV diversification function on an 8-byte R: byte 2 set to F0 for the left half, 0F for the right. */
    public static byte[] sessionKey(byte[] iccMasterKey, byte[] r) {
        if (iccMasterKey.length != 16 || r.length != 8) {
            throw new IllegalArgumentException("session key derivation needs a 16-byte key and an 8-byte R");
        }
        byte[] a = r.clone();
        a[2] = (byte) 0xF0;
        byte[] b = r.clone();
        b[2] = (byte) 0x0F;
        return TripleDes.withOddParity(concat(TripleDes.encrypt(iccMasterKey, a), TripleDes.encrypt(iccMasterKey, b)));
    }

    private static void checkAtc(byte[] atc) {
        if (atc.length != 2) {
            throw new IllegalArgumentException("the ATC (9F36) must be 2 bytes, got " + atc.length);
        }
    }

    private static byte[] ff(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 0xFF);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
