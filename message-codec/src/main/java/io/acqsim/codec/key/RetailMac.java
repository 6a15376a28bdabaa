package io.acqsim.codec.key;

/**
 * ISO/IEC 9797-1 MAC algorithm 3 (the "retail MAC") with a double-length DES key: CBC-MAC with the
 * left key half, then the last block decrypted with the right half and encrypted with the left,
 * which equals triple-DES of the last chaining input under the whole key. EMV application
 * cryptograms and ARPC method 2 use it with padding method 2 ({@code 80 00..}), Visa CVN 10 with
 * padding method 1 (zeros, none when the data already fills whole blocks).
 */
public final class RetailMac {
    /** ISO/IEC 9797-1 padding methods. */
    public enum Padding {
        /** Method 1: zero bytes up to a whole block; nothing added to whole blocks (empty data is one zero block). */
        ZEROS,
        /** Method 2: one {@code 80} byte, then zero bytes up to a whole block. */
        ISO_9797_M2
    }

    private RetailMac() {
    }

    /** The 8-byte MAC of {@code data} under the 16-byte {@code key}. */
    public static byte[] mac(byte[] key, byte[] data, Padding padding) {
        if (key.length != 16) {
            throw new IllegalArgumentException("the retail MAC needs a double-length (16-byte) key, got " + key.length);
        }
        byte[] padded = pad(data, padding);
        byte[] left = new byte[8];
        System.arraycopy(key, 0, left, 0, 8);
        byte[] chain = new byte[TripleDes.BLOCK];
        int last = padded.length - TripleDes.BLOCK;
        for (int i = 0; i <= last; i += TripleDes.BLOCK) {
            for (int j = 0; j < TripleDes.BLOCK; j++) {
                chain[j] ^= padded[i + j];
            }
            chain = TripleDes.encrypt(i == last ? key : left, chain);
        }
        return chain;
    }

    static byte[] pad(byte[] data, Padding padding) {
        int length = data.length;
        if (padding == Padding.ISO_9797_M2) {
            length++;
        }
        int blocks = Math.max(1, (length + TripleDes.BLOCK - 1) / TripleDes.BLOCK);
        byte[] padded = new byte[blocks * TripleDes.BLOCK];
        System.arraycopy(data, 0, padded, 0, data.length);
        if (padding == Padding.ISO_9797_M2) {
            padded[data.length] = (byte) 0x80;
        }
        return padded;
    }
}
