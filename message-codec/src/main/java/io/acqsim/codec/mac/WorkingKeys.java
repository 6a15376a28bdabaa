package io.acqsim.codec.mac;

/**
 * Working keys as a CUP sign-on response delivers them in DE62: each key encrypted under the
 * terminal master key (TMK) in ECB, followed by its 4-byte check value (the key's encryption of
 * eight zero bytes, first 4 bytes). PIK first, then MAK: 24 bytes for single-length keys, 40 for
 * double-length ones.
 */
public final class WorkingKeys {
    private static final int CHECK_VALUE = 4;

    private WorkingKeys() {
    }

    /** First 4 bytes of the key's encryption of an all-zero block. */
    public static byte[] checkValue(byte[] key) {
        byte[] kcv = new byte[CHECK_VALUE];
        System.arraycopy(Des.encryptBlock(key, new byte[Des.BLOCK]), 0, kcv, 0, CHECK_VALUE);
        return kcv;
    }

    /** The key encrypted under the key-encrypting key, block by block (ECB). */
    public static byte[] encrypt(byte[] kek, byte[] key) {
        if (key.length % Des.BLOCK != 0) {
            throw new IllegalArgumentException("a key must be a whole number of 8-byte blocks, got " + key.length);
        }
        byte[] out = new byte[key.length];
        byte[] block = new byte[Des.BLOCK];
        for (int i = 0; i < key.length; i += Des.BLOCK) {
            System.arraycopy(key, i, block, 0, Des.BLOCK);
            System.arraycopy(Des.encryptBlock(kek, block), 0, out, i, Des.BLOCK);
        }
        return out;
    }

    /** DE62 of a sign-on response: enc(PIK) · kcv(PIK) · enc(MAK) · kcv(MAK). */
    public static byte[] signOnField(byte[] tmk, byte[] pik, byte[] mak) {
        byte[] pikEnc = encrypt(tmk, pik);
        byte[] makEnc = encrypt(tmk, mak);
        byte[] out = new byte[pikEnc.length + CHECK_VALUE + makEnc.length + CHECK_VALUE];
        int at = 0;
        System.arraycopy(pikEnc, 0, out, at, pikEnc.length);
        at += pikEnc.length;
        System.arraycopy(checkValue(pik), 0, out, at, CHECK_VALUE);
        at += CHECK_VALUE;
        System.arraycopy(makEnc, 0, out, at, makEnc.length);
        at += makEnc.length;
        System.arraycopy(checkValue(mak), 0, out, at, CHECK_VALUE);
        return out;
    }
}
