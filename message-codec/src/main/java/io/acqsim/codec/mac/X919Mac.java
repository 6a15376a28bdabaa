package io.acqsim.codec.mac;

/**
 * ANSI X9.19 retail MAC (ISO 9797-1 MAC algorithm 3, padding method 1): the zero-padded data is
 * DES-CBC encrypted with the left half of a double-length key (IV zero), and the last block is
 * then decrypted with the right half and encrypted with the left half again, which is the same as
 * triple-DES-encrypting the last chaining input with the whole key.
 */
public final class X919Mac implements MacAlgorithm {
    public static final X919Mac INSTANCE = new X919Mac();

    @Override
    public int length() {
        return 8;
    }

    @Override
    public byte[] mac(byte[] key, byte[] data) {
        if (key.length != 16) {
            throw new IllegalArgumentException("X9.19 needs a double-length (16-byte) key, got " + key.length);
        }
        byte[] left = new byte[8];
        System.arraycopy(key, 0, left, 0, 8);
        byte[] padded = Des.zeroPadded(data);
        byte[] chain = new byte[Des.BLOCK];
        int last = padded.length - Des.BLOCK;
        for (int i = 0; i < last; i += Des.BLOCK) {
            Des.xorInto(chain, padded, i);
            chain = Des.encryptBlock(left, chain);
        }
        Des.xorInto(chain, padded, last);
        return Des.encryptBlock(key, chain);
    }
}
