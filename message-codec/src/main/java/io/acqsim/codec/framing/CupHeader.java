package io.acqsim.codec.framing;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 6-byte China UnionPay POS message header that follows the TPDU: application type, version
 * ({@code 0x31}), terminal status and processing requirement nibbles, software sub-version. The
 * host echoes it in responses.
 */
public final class CupHeader {
    public static final int LENGTH = 6;

    private final byte[] bytes;

    private CupHeader(byte[] bytes) {
        this.bytes = bytes;
    }

    public static CupHeader of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("CUP header must be 6 bytes, got " + bytes.length);
        }
        return new CupHeader(bytes.clone());
    }

    public static CupHeader read(byte[] b, int offset) {
        return new CupHeader(Arrays.copyOfRange(b, offset, offset + LENGTH));
    }

    public static CupHeader ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    public void write(byte[] b, int offset) {
        System.arraycopy(bytes, 0, b, offset, LENGTH);
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
