package io.acqsim.codec.mac;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/** Single-block DES and two/three-key triple DES through javax.crypto, no padding, no chaining. */
final class Des {
    static final int BLOCK = 8;

    private Des() {
    }

    /** Encrypts one 8-byte block with DES (8-byte key) or DESede (16- or 24-byte key). */
    static byte[] encryptBlock(byte[] key, byte[] block) {
        if (block.length != BLOCK) {
            throw new IllegalArgumentException("DES block must be 8 bytes, got " + block.length);
        }
        try {
            Cipher cipher;
            if (key.length == 8) {
                cipher = Cipher.getInstance("DES/ECB/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"));
            } else if (key.length == 16 || key.length == 24) {
                byte[] k = new byte[24];
                System.arraycopy(key, 0, k, 0, key.length);
                if (key.length == 16) {
                    System.arraycopy(key, 0, k, 16, 8);
                }
                cipher = Cipher.getInstance("DESede/ECB/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "DESede"));
            } else {
                throw new IllegalArgumentException("DES key must be 8, 16 or 24 bytes, got " + key.length);
            }
            return cipher.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE lacks DES/DESede", e);
        }
    }

    /** {@code a ^= b} over the first 8 bytes. */
    static void xorInto(byte[] a, byte[] b, int bOffset) {
        for (int i = 0; i < BLOCK; i++) {
            a[i] ^= b[bOffset + i];
        }
    }

    /** The data zero-padded to a whole number of 8-byte blocks (at least one block). */
    static byte[] zeroPadded(byte[] data) {
        int blocks = Math.max(1, (data.length + BLOCK - 1) / BLOCK);
        byte[] padded = new byte[blocks * BLOCK];
        System.arraycopy(data, 0, padded, 0, data.length);
        return padded;
    }
}
