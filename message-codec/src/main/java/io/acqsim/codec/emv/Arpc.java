package io.acqsim.codec.emv;

import io.acqsim.codec.key.RetailMac;
import io.acqsim.codec.key.TripleDes;

/** Authorisation response cryptograms, EMV Book 2 section 8.2. */
public final class Arpc {
    private Arpc() {
    }

    /** Method 1: 3DES(key, ARQC ⊕ (ARC ‖ 00 00 00 00 00 00)), 8 bytes; the ARC is 2 bytes. */
    public static byte[] method1(byte[] key, byte[] arqc, byte[] arc) {
        if (arqc.length != 8 || arc.length != 2) {
            throw new IllegalArgumentException("ARPC method 1 needs an 8-byte ARQC and a 2-byte ARC");
        }
        byte[] y = new byte[8];
        y[0] = arc[0];
        y[1] = arc[1];
        return TripleDes.encrypt(key, TripleDes.xor(arqc, y));
    }

    /**
     * Method 2: the first 4 bytes of the ISO 9797-1 MAC algorithm 3 (padding method 2) over
     * ARQC ‖ CSU ‖ proprietary authentication data (0 to 8 bytes).
     */
    public static byte[] method2(byte[] key, byte[] arqc, byte[] csu, byte[] proprietaryData) {
        byte[] prop = proprietaryData == null ? new byte[0] : proprietaryData;
        if (arqc.length != 8 || csu.length != 4 || prop.length > 8) {
            throw new IllegalArgumentException("ARPC method 2 needs an 8-byte ARQC, a 4-byte CSU and at most 8 bytes of proprietary data");
        }
        byte[] mac = RetailMac.mac(key, IccKeys.concat(arqc, csu, prop), RetailMac.Padding.ISO_9797_M2);
        byte[] out = new byte[4];
        System.arraycopy(mac, 0, out, 0, 4);
        return out;
    }
}
