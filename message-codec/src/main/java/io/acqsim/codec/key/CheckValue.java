package io.acqsim.codec.key;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Key check values: the leading bytes of the key's encryption of an all-zero block, the usual way
 * two parties confirm they hold the same key without showing it. Three bytes (six hex digits) is
 * the common length; CUP sign-on uses four.
 */
public final class CheckValue {
    private CheckValue() {
    }

    /** The first {@code length} bytes of DES/TDES(key, 00..00). */
    public static byte[] des(byte[] key, int length) {
        return head(TripleDes.encrypt(key, new byte[TripleDes.BLOCK]), length);
    }

    /** The usual 3-byte check value of a DES/TDES key. */
    public static byte[] des(byte[] key) {
        return des(key, 3);
    }

    /** The first {@code length} bytes of AES(key, 16 zero bytes), for 16-, 24- or 32-byte AES keys. */
    public static byte[] aes(byte[] key, int length) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("an AES key must be 16, 24 or 32 bytes, got " + key.length);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            return head(cipher.doFinal(new byte[16]), length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JCE lacks AES", e);
        }
    }

    private static byte[] head(byte[] block, int length) {
        if (length < 1 || length > block.length) {
            throw new IllegalArgumentException("check value length must be 1.." + block.length + ", got " + length);
        }
        byte[] out = new byte[length];
        System.arraycopy(block, 0, out, 0, length);
        return out;
    }
}
