package io.acqsim.codec.pin;

import io.acqsim.codec.key.TripleDes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Random;

/**
 * ISO 9564-1 PIN blocks, formats 0, 1 and 3 (8 bytes, 16 nibbles):
 * <ul>
 *   <li>format 0: {@code 0 N P..P F..F} ⊕ {@code 0000} and the 12 rightmost PAN digits before the check digit;</li>
 *   <li>format 1: {@code 1 N P..P} then random fill (the "transaction field"), no PAN;</li>
 *   <li>format 3: as format 0 with random fill nibbles {@code A}–{@code F} instead of {@code F}.</li>
 * </ul>
 * Encryption under the PIN key is plain ECB DES/TDES through {@link TripleDes}. Nothing here keeps,
 * logs or prints a PIN.
 */
public final class PinBlock {
    private static final int NIBBLES = 16;

    /** The three formats handled. */
    public enum Format {
        ISO_0(0), ISO_1(1), ISO_3(3);

        private final int control;

        Format(int control) {
            this.control = control;
        }

        public int control() {
            return control;
        }

        /** {@code 0}, {@code 1} or {@code 3}. */
        public static Format of(int control) throws PinBlockException {
            for (Format f : values()) {
                if (f.control == control) {
                    return f;
                }
            }
            throw new PinBlockException("PIN block format " + control + " is not supported (0, 1 or 3)");
        }
    }

    private PinBlock() {
    }

    /** The clear format-0 block. */
    public static byte[] format0(String pin, String pan) {
        return build(Format.ISO_0, pin, pan, null);
    }

    /** The clear format-1 block with random fill from {@code random}. */
    public static byte[] format1(String pin, Random random) {
        return build(Format.ISO_1, pin, null, random);
    }

    /** The clear format-3 block with random fill (A–F) from {@code random}. */
    public static byte[] format3(String pin, String pan, Random random) {
        return build(Format.ISO_3, pin, pan, random);
    }

    /** The clear block of the given format; {@code random} may be null (a {@link SecureRandom} is used). */
    public static byte[] build(Format format, String pin, String pan, Random random) {
        checkPin(pin);
        Random rnd = random == null ? new SecureRandom() : random;
        int[] field = new int[NIBBLES];
        field[0] = format.control;
        field[1] = pin.length();
        for (int i = 0; i < pin.length(); i++) {
            field[2 + i] = pin.charAt(i) - '0';
        }
        for (int i = 2 + pin.length(); i < NIBBLES; i++) {
            field[i] = switch (format) {
                case ISO_0 -> 0xF;
                case ISO_1 -> rnd.nextInt(16);
                case ISO_3 -> 0xA + rnd.nextInt(6);
            };
        }
        byte[] block = pack(field);
        return format == Format.ISO_1 ? block : TripleDes.xor(block, panField(pan));
    }

    /**
     * The PIN in a clear block; the format comes from its control nibble.
     *
     * @param pan needed for formats 0 and 3, ignored for format 1
     */
    public static String decode(byte[] clear, String pan) throws PinBlockException {
        if (clear.length != 8) {
            throw new PinBlockException("a PIN block is 8 bytes, got " + clear.length);
        }
        Format format = Format.of((clear[0] & 0xF0) >>> 4);
        byte[] block = clear;
        if (format != Format.ISO_1) {
            try {
                block = TripleDes.xor(clear, panField(pan));
            } catch (IllegalArgumentException e) {
                throw new PinBlockException(e.getMessage());
            }
        }
        int[] field = unpack(block);
        int n = field[1];
        if (n < 4 || n > 12) {
            throw new PinBlockException("PIN length " + n + " is outside 4..12");
        }
        char[] pin = new char[n];
        for (int i = 0; i < n; i++) {
            int d = field[2 + i];
            if (d > 9) {
                throw new PinBlockException("PIN digit " + (i + 1) + " is not a decimal digit");
            }
            pin[i] = (char) ('0' + d);
        }
        for (int i = 2 + n; i < NIBBLES; i++) {
            int f = field[i];
            boolean ok = switch (format) {
                case ISO_0 -> f == 0xF;
                case ISO_1 -> true;
                case ISO_3 -> f >= 0xA;
            };
            if (!ok) {
                throw new PinBlockException("PIN block fill is not format " + format.control + " fill");
            }
        }
        return new String(pin);
    }

    /** Encrypts a clear block under the PIN key (DES/TDES ECB). */
    public static byte[] encrypt(byte[] pinKey, byte[] clear) {
        return TripleDes.encrypt(pinKey, clear);
    }

    /** Decrypts an enciphered block (DE52) under the PIN key. */
    public static byte[] decrypt(byte[] pinKey, byte[] enciphered) {
        return TripleDes.decrypt(pinKey, enciphered);
    }

    /**
     * Whether the enciphered block carries {@code expectedPin}: decrypt, decode, compare in constant
     * time. A block that does not decode is a wrong PIN (the exception says why, for the log).
     */
    public static boolean verify(byte[] pinKey, byte[] enciphered, String pan, String expectedPin) throws PinBlockException {
        String pin = decode(decrypt(pinKey, enciphered), pan);
        return MessageDigest.isEqual(pin.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                expectedPin.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** {@code 0000} and the 12 rightmost PAN digits excluding the check digit. */
    static byte[] panField(String pan) {
        if (pan == null || pan.length() < 13 || !pan.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a PIN block of format 0 or 3 needs a PAN of at least 13 digits");
        }
        String twelve = pan.substring(pan.length() - 13, pan.length() - 1);
        int[] field = new int[NIBBLES];
        for (int i = 0; i < 12; i++) {
            field[4 + i] = twelve.charAt(i) - '0';
        }
        return pack(field);
    }

    private static void checkPin(String pin) {
        if (pin == null || pin.length() < 4 || pin.length() > 12 || !pin.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a PIN is 4 to 12 decimal digits");
        }
    }

    private static byte[] pack(int[] nibbles) {
        byte[] out = new byte[nibbles.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((nibbles[2 * i] << 4) | nibbles[2 * i + 1]);
        }
        return out;
    }

    private static int[] unpack(byte[] bytes) {
        int[] out = new int[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = (bytes[i] & 0xF0) >>> 4;
            out[2 * i + 1] = bytes[i] & 0x0F;
        }
        return out;
    }
}
