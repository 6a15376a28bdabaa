package io.acqsim.codec.emv;

import java.util.HexFormat;

/** Tag arithmetic shared by the TLV reader and writer. */
final class Tags {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Tags() {
    }

    static int byteCount(int tag) {
        return (tag >>> 24) != 0 ? 4 : (tag >>> 16) != 0 ? 3 : (tag >>> 8) != 0 ? 2 : 1;
    }

    static int firstByte(int tag) {
        return (tag >>> ((byteCount(tag) - 1) * 8)) & 0xFF;
    }

    static boolean isConstructed(int tag) {
        return (firstByte(tag) & 0x20) != 0;
    }

    static String hex(int tag) {
        int n = byteCount(tag);
        String h = HEX.toHexDigits(tag);
        return h.substring(8 - 2 * n);
    }

    /** A tag number whose bytes are a valid BER tag: multi-byte exactly when the first byte says so. */
    static void check(int tag) {
        int n = byteCount(tag);
        int first = firstByte(tag);
        boolean multi = (first & 0x1F) == 0x1F;
        if (tag == 0 || multi != (n > 1)) {
            throw new IllegalArgumentException("not a BER-TLV tag: " + hex(tag));
        }
        for (int i = n - 2; i >= 0; i--) {
            int b = (tag >>> (i * 8)) & 0xFF;
            boolean more = (b & 0x80) != 0;
            if (more != (i > 0)) {
                throw new IllegalArgumentException("not a BER-TLV tag: " + hex(tag));
            }
        }
    }
}
