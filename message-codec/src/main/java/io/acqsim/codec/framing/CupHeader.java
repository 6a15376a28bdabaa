package io.acqsim.codec.framing;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The fixed header that follows the TPDU, echoed in responses. Best known as the 6-byte China
 * UnionPay POS header (application type, version {@code 0x31}, terminal status and processing
 * requirement nibbles, software sub-version), whence the name; a dialect's {@link Framing} may
 * declare a header of any length.
 */
public final class CupHeader {
    public static final int LENGTH = 6;

    private final byte[] bytes;

    private CupHeader(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A header of any positive length (a CUP header is {@link #LENGTH} bytes). */
    public static CupHeader of(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a header needs at least one byte");
        }
        return new CupHeader(bytes.clone());
    }

    public static CupHeader read(byte[] b, int offset) {
        return read(b, offset, LENGTH);
    }

    public static CupHeader read(byte[] b, int offset, int length) {
        return new CupHeader(Arrays.copyOfRange(b, offset, offset + length));
    }

    public int length() {
        return bytes.length;
    }

    public static CupHeader ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    public void write(byte[] b, int offset) {
        System.arraycopy(bytes, 0, b, offset, bytes.length);
    }

    public int applicationType() {
        return bytes[0] & 0xFF;
    }

    public int version() {
        return bytes[1] & 0xFF;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CupHeader other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
