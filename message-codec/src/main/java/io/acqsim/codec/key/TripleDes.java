package io.acqsim.codec.key;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * DES and two/three-key triple DES through the JCE ({@code DES} / {@code DESede}, ECB, no padding).
 * An 8-byte key is single DES, a 16-byte key is K1·K2·K1, a 24-byte key K1·K2·K3. Nothing here
 * implements a cipher: it only shapes keys and blocks for {@link Cipher}.
 */
public final class TripleDes {
    public static final int BLOCK = 8;

    private TripleDes() {
    }

    /** Encrypts whole 8-byte blocks, each on its own (ECB). */
    public static byte[] encrypt(byte[] key, byte[] data) {
        return run(Cipher.ENCRYPT_MODE, key, data);
    }

    /** Decrypts whole 8-byte blocks, each on its own (ECB). */
    public static byte[] decrypt(byte[] key, byte[] data) {
        return run(Cipher.DECRYPT_MODE, key, data);
    }

    /** Validates a DES key length: 8, 16 or 24 bytes. */
    public static void checkKey(byte[] key) {
        if (key == null || (key.length != 8 && key.length != 16 && key.length != 24)) {
            throw new IllegalArgumentException("a DES key must be 8, 16 or 24 bytes, got "
                    + (key == null ? "none" : key.length));
        }
    }

    private static byte[] run(int mode, byte[] key, byte[] data) {
        checkKey(key);
        if (data.length == 0 || data.length % BLOCK != 0) {
            throw new IllegalArgumentException("DES data must be whole 8-byte blocks, got " + data.length + " bytes");
        }
        try {
            Cipher cipher;
            if (key.length == 8) {
                cipher = Cipher.getInstance("DES/ECB/NoPadding");
                cipher.init(mode, new SecretKeySpec(key, "DES"));
            } else {
                byte[] k = new byte[24];
                System.arraycopy(key, 0, k, 0, key.length);
                if (key.length == 16) {
                    System.arraycopy(key, 0, k, 16, 8);
                }
                cipher = Cipher.getInstance("DESede/ECB/NoPadding");
                cipher.init(mode, new SecretKeySpec(k, "DESede"));
            }
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JCE lacks DES/DESede", e);
        }
    }

    /** A copy of the key with every byte's low bit set so the byte has odd parity (DES key parity). */
    public static byte[] withOddParity(byte[] key) {
        byte[] out = key.clone();
        for (int i = 0; i < out.length; i++) {
            int b = out[i] & 0xFE;
            out[i] = (byte) (Integer.bitCount(b) % 2 == 0 ? b | 1 : b);
        }
        return out;
    }

    /** {@code a XOR b}, both the same length. */
    public static byte[] xor(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("xor of " + a.length + " and " + b.length + " bytes");
        }
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }
}
